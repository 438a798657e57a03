// Preloaded with `node --import` by tests: records every path the process opens for reading,
// one per line, in $SSOT_READ_LOG. Wraps the fs entry points a Node program reads files through.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const log = process.env.SSOT_READ_LOG;
const note = (file) => {
  if (log && (typeof file === 'string' || file instanceof URL)) fs.appendFileSync(log, `${String(file)}\n`);
};
for (const name of ['readFileSync', 'openSync', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    if (!(name === 'openSync' && /[wa]/.test(String(rest[0] ?? 'r')))) note(file);
    return original.call(this, file, ...rest);
  };
}
for (const name of ['readFile', 'open']) {
  const original = fs.promises[name];
  fs.promises[name] = function (file, ...rest) {
    note(file);
    return original.call(this, file, ...rest);
  };
}
syncBuiltinESMExports();
