import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { defaultConsoleDir } from './console-files';
import { CONSOLE_DIR } from './console.tokens';

/** Serves the operator console (apps/console, built by `npm run build`) at /console/. */
@Module({
  controllers: [ConsoleController],
  providers: [{ provide: CONSOLE_DIR, useFactory: defaultConsoleDir }],
})
export class ConsoleModule {}
