import type { onnx } from 'onnx-proto';
import { ModelLoadError } from './errors.js';
import { decodeFloat16 } from './float16.js';

/** An int64 field as protobufjs hands it over: a number, or a Long when the `long` package is present. */
export type Int64 = number | { toNumber(): number };

/** Converts a protobuf int64 to a number. */
export function int64(v: Int64 | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

// onnx.TensorProto.DataType codes (onnx.proto3, TensorProto.DataType).
const FLOAT = 1;
const UINT8 = 2;
const INT8 = 3;
const UINT16 = 4;
const INT16 = 5;
const INT32 = 6;
const INT64 = 7;
const BOOL = 9;
const FLOAT16 = 10;
const DOUBLE = 11;

// int64 constants (shapes, Slice ends) saturate into int32; INT64_MAX "to the end" markers stay "huge".
const I32_MAX = 2147483647;
const I32_MIN = -2147483648;

function clampI32(v: number): number {
  return v > I32_MAX ? I32_MAX : v < I32_MIN ? I32_MIN : v;
}

/**
 * Decodes an ONNX TensorProto (initializer or Constant value): floating types
 * to float32 (float16 widened, double narrowed), integer and bool types to
 * int32 (int64 saturated to the int32 range; they are shapes and indices here).
 *
 * @param t the tensor
 * @param source model file, for errors
 * @returns shape and data
 * @throws ModelLoadError for external data, an unsupported data type or a data length that does not match the dims
 */
export function decodeOnnxTensor(t: onnx.ITensorProto, source: string): { shape: number[]; data: Float32Array | Int32Array } {
  const name = t.name ?? '';
  const fail: (msg: string) => never = (msg) => {
    throw new ModelLoadError(`loadOnnxModel: tensor '${name}' ${msg}`, { source });
  };
  if (t.dataLocation === 1) fail('uses external data, which the runtime does not read');
  const shape = (t.dims ?? []).map((d) => int64(d as Int64));
  const count = shape.reduce((a, d) => a * d, 1);
  const raw = t.rawData !== undefined && t.rawData !== null && t.rawData.length > 0 ? t.rawData : undefined;
  const type = t.dataType ?? 0;
  const need = (bytesPer: number): DataView => {
    const r = raw as Uint8Array;
    if (r.length !== count * bytesPer) fail(`raw_data has ${r.length} bytes, dims [${shape.join(', ')}] need ${count * bytesPer}`);
    return new DataView(r.buffer, r.byteOffset, r.byteLength);
  };
  const check = (len: number): void => {
    if (len !== count) fail(`holds ${len} values, dims [${shape.join(', ')}] need ${count}`);
  };
  let data: Float32Array | Int32Array;
  if (type === FLOAT || type === DOUBLE || type === FLOAT16) {
    data = new Float32Array(count);
    if (raw !== undefined) {
      if (type === FLOAT16) {
        need(2);
        data = decodeFloat16(raw, 0, count);
      } else {
        const dv = need(type === FLOAT ? 4 : 8);
        for (let i = 0; i < count; i++) data[i] = type === FLOAT ? dv.getFloat32(4 * i, true) : dv.getFloat64(8 * i, true);
      }
    } else if (type === FLOAT) {
      check(t.floatData?.length ?? 0);
      data.set(t.floatData as number[]);
    } else if (type === DOUBLE) {
      check(t.doubleData?.length ?? 0);
      data.set(t.doubleData as number[]);
    } else {
      // float16 outside raw_data: the bit patterns sit in int32_data.
      const bits = t.int32Data ?? [];
      check(bits.length);
      const bytes = new Uint8Array(2 * count);
      for (let i = 0; i < count; i++) {
        bytes[2 * i] = bits[i] & 0xff;
        bytes[2 * i + 1] = (bits[i] >> 8) & 0xff;
      }
      data = decodeFloat16(bytes, 0, count);
    }
  } else if (type === INT64) {
    data = new Int32Array(count);
    if (raw !== undefined) {
      const dv = need(8);
      for (let i = 0; i < count; i++) data[i] = clampI32(Number(dv.getBigInt64(8 * i, true)));
    } else {
      const src = t.int64Data ?? [];
      check(src.length);
      for (let i = 0; i < count; i++) data[i] = clampI32(int64(src[i] as Int64));
    }
  } else if (type === INT32 || type === INT16 || type === INT8 || type === UINT8 || type === UINT16 || type === BOOL) {
    data = new Int32Array(count);
    if (raw !== undefined) {
      const per = type === INT32 ? 4 : type === INT16 || type === UINT16 ? 2 : 1;
      const dv = need(per);
      for (let i = 0; i < count; i++) {
        data[i] =
          type === INT32 ? dv.getInt32(4 * i, true)
          : type === INT16 ? dv.getInt16(2 * i, true)
          : type === UINT16 ? dv.getUint16(2 * i, true)
          : type === INT8 ? dv.getInt8(i)
          : dv.getUint8(i);
      }
    } else {
      const src = t.int32Data ?? [];
      check(src.length);
      data.set(src);
    }
  } else {
    return fail(`has data type ${type}, which the runtime does not read (float, float16, double and integer types only)`);
  }
  return { shape, data };
}
