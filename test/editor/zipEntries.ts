// Lists the entries of a zip file (a .vsix) from its central directory: names and uncompressed
// sizes. Enough to check what a package holds without an unzip tool.
import * as fs from 'node:fs';

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
}

const endOfCentralDirectory = 0x06054b50;
const centralDirectoryHeader = 0x02014b50;

export function zipEntries(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === endOfCentralDirectory) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (data.readUInt32LE(offset) !== centralDirectoryHeader) throw new Error(`${file}: bad central directory entry ${n}`);
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, compressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
