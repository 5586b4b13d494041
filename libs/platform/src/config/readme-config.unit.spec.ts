import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configVariables } from './config-variables';

describe('README configuration section', () => {
  const readme = readFileSync(resolve(__dirname, '../../../../README.md'), 'utf8');

  it.each(Object.values(configVariables).map((v) => [v.name, v]))('lists %s with its default and what it accepts', (name, variable) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(variable.defaultText);
    // The "accepts" column: the validation rule, word for word (secrets' minimum lengths included).
    expect(row?.split(' | ')[2]).toBe(variable.rule);
  });
});
