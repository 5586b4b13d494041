/** Directory of the console's built files (index.html, assets/). */
export const CONSOLE_DIR = Symbol('ConsoleDir');
