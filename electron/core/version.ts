// The app version, recorded in every year file it creates so a file can tell which release wrote it.
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
