// The extension's package.json as the tests read it: its commands, menus and settings, typed with the members the
// tests use, and the `viewItem =~ /…/` clause of a menu entry's `when`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

export interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  icon?: string;
  enablement?: string;
}

export interface SettingContribution {
  type: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  scope?: string;
  description?: string;
  markdownDescription?: string;
}

export interface Manifest {
  contributes: {
    commands: CommandContribution[];
    menus: Record<string, MenuEntry[]>;
    configuration: { title: string; properties: Record<string, SettingContribution> };
  };
}

/** package.json of the repository (this module runs as out/test/support/manifest.js). */
export const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

/** The regular expression of a `when` clause's `viewItem =~ /…/`, if it has one. */
export function viewItemPattern(when: string | undefined): RegExp | undefined {
  const m = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when ?? '');
  return m ? new RegExp(m[1]) : undefined;
}
