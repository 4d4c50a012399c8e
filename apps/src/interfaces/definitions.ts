// Extra type definitions for typegen. Carechain needs none: every type, and every runtime API,
// comes from the runtime's metadata (src/interfaces/metadata.json, version 15); this file only
// gives typegen its input folder.
export {};
