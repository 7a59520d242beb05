// A pushed event's whole WebSocket frame (header and payload), built once and written as it is to every
// socket that gets it: `ws` would otherwise build a header and issue a two-buffer write per socket.
// The frame comes from `ws`'s own public framer, so its bytes are exactly what `socket.send` writes.
import * as ws from 'ws'

interface FrameOptions {
  fin: boolean
  rsv1: boolean
  opcode: number
  mask: boolean
  readOnly: boolean
}

// ws exports its Sender at run time; @types/ws does not describe it.
const { Sender } = ws as unknown as { Sender: { frame: (data: Buffer, options: FrameOptions) => Buffer[] } }

const TEXT_OPCODE = 0x1
/** Server frames are final, unmasked and uncompressed (perMessageDeflate is off). */
const SERVER_TEXT_FRAME: FrameOptions = { fin: true, rsv1: false, opcode: TEXT_OPCODE, mask: false, readOnly: true }

/** The complete unmasked text frame carrying `payload` (UTF-8 JSON). */
export function textFrame(payload: Buffer): Buffer {
  return Buffer.concat(Sender.frame(payload, SERVER_TEXT_FRAME))
}
