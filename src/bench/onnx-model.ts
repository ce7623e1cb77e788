// A one-node ONNX model, y = Softmax(x) over the last axis of a [1, n] float tensor (opset 13),
// written with a minimal protobuf encoder: the peers' benchmark needs no model download.

/** Protobuf wire types used by ONNX's messages. */
const VARINT = 0;
const LENGTH_DELIMITED = 2;

function varint(v: number): number[] {
  const out: number[] = [];
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

const tag = (field: number, wire: number) => varint(field * 8 + wire);
const intField = (field: number, v: number) => [...tag(field, VARINT), ...varint(v)];
const bytesField = (field: number, bytes: number[]) => [...tag(field, LENGTH_DELIMITED), ...varint(bytes.length), ...bytes];
const stringField = (field: number, s: string) => bytesField(field, [...new TextEncoder().encode(s)]);

const FLOAT = 1; // TensorProto.DataType.FLOAT

/** ValueInfoProto { name, type: TypeProto { tensor_type { elem_type FLOAT, shape [1, "n"] } } }. */
function tensorInfo(name: string): number[] {
  const shape = [...bytesField(1, intField(1, 1)), ...bytesField(1, stringField(2, 'n'))]; // dim_value 1, dim_param "n"
  const tensorType = [...intField(1, FLOAT), ...bytesField(2, shape)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/** ModelProto bytes; input "x", output "y". */
export function softmaxOnnxModel(): Uint8Array {
  const node = [...stringField(1, 'x'), ...stringField(2, 'y'), ...stringField(4, 'Softmax')]; // default axis -1
  const graph = [...bytesField(1, node), ...stringField(2, 'softmax'), ...bytesField(11, tensorInfo('x')), ...bytesField(12, tensorInfo('y'))];
  const opset = [...stringField(1, ''), ...intField(2, 13)];
  const model = [...intField(1, 8), ...stringField(2, 'softmax-verify'), ...bytesField(7, graph), ...bytesField(8, opset)]; // ir_version 8
  return Uint8Array.from(model);
}
