// railpilot's version, as --version prints it and manifest.json records it (package.json's "version";
// tests/cli/manifest.test.ts keeps the two equal).
export const VERSION = '0.1.0';
