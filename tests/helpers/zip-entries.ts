import yauzl from "yauzl";

/** Every entry of a ZIP stream (a task bundle), by name, as UTF-8 text. */
export async function zipEntries(stream: NodeJS.ReadableStream): Promise<Map<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.concat(chunks), { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z!))),
  );
  const entries = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) =>
      zip.openReadStream(entry, async (e, s) => {
        if (e) return reject(e);
        const parts: Buffer[] = [];
        for await (const p of s!) parts.push(p as Buffer);
        entries.set(entry.fileName, Buffer.concat(parts).toString("utf8"));
        zip.readEntry();
      }),
    );
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return entries;
}
