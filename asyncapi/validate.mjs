// Validates an AsyncAPI document with the official parser; exits 1 on any error.
// Usage: node validate.mjs [path] (default: the one the app serves, src/main/resources/asyncapi.yaml)
import { readFile } from 'node:fs/promises';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const path = process.argv[2] ?? new URL('../src/main/resources/asyncapi.yaml', import.meta.url);
const text = await readFile(path, 'utf8');
const { document, diagnostics } = await new Parser().parse(text);
const names = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info', [DiagnosticSeverity.Hint]: 'hint' };
for (const d of diagnostics) {
  console.log(`${names[d.severity]} ${d.code} at ${d.path.join('.') || '/'}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
if (!document || errors.length > 0) {
  console.error(`AsyncAPI: ${errors.length} error(s) in ${path}`);
  process.exit(1);
}
console.log(`AsyncAPI ${document.version()}: "${document.info().title()}" is valid: `
  + `${document.channels().length} channels, ${document.operations().length} operations, `
  + `${document.messages().length} messages`);
