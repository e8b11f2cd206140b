/** The prescription file (docs/pump-format.md): strict JSON reading with bounded sizes, and writing. */
package io.dorsal.infusion.file;
