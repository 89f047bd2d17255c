/**
 * A 5x7 pixel bitmap font for printable ASCII (32..126) and text drawn with
 * it straight into an RGB24 buffer.
 *
 * The glyphs were drawn for this project (no font file was copied): each is 7
 * rows of 5 bits, the most significant of the 5 being the leftmost column, one
 * row per 2 hex digits, top row first. Characters occupy a 6x8 cell (one blank
 * column and row as spacing), scaled by a whole factor.
 */
import type { Rgb, RgbImage } from './rgb-image.js';
import { fillRect } from './fill-rect.js';

/** Glyph width and height in font pixels. */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Advance per character and line height in font pixels (glyph plus one pixel of spacing). */
export const CELL_WIDTH = 6;
export const CELL_HEIGHT = 8;

/** Glyphs of char codes 32..126, 14 hex digits each (7 rows of 5 bits). */
const GLYPHS: readonly string[] = [
  '00000000000000', '04040404040004', '0A0A0000000000', '0A0A1F0A1F0A0A', '040F140E051E04', '18190204081303', '0C12140815120D', '04040000000000', //   ! " # $ % & '
  '02040808080402', '08040202020408', '0004150E150400', '0004041F040400', '000000000C0408', '0000001F000000', '00000000000C0C', '00010204081000', // ( ) * + , - . /
  '0E11131519110E', '040C040404040E', '0E11010204081F', '1F02040201110E', '02060A121F0202', '1F101E0101110E', '0608101E11110E', '1F010204080808', // 0 1 2 3 4 5 6 7
  '0E11110E11110E', '0E11110F01020C', '000C0C000C0C00', '000C0C000C0408', '02040810080402', '00001F001F0000', '08040201020408', '0E110102040004', // 8 9 : ; < = > ?
  '0E11010D15150E', '0E1111111F1111', '1E11111E11111E', '0E11101010110E', '1C12111111121C', '1F10101E10101F', '1F10101E101010', '0E11101711110F', // @ A B C D E F G
  '1111111F111111', '0E04040404040E', '0702020202120C', '11121418141211', '1010101010101F', '111B1515111111', '11111915131111', '0E11111111110E', // H I J K L M N O
  '1E11111E101010', '0E11111115120D', '1E11111E141211', '0F10100E01011E', '1F040404040404', '1111111111110E', '11111111110A04', '1111111515150A', // P Q R S T U V W
  '11110A040A1111', '1111110A040404', '1F01020408101F', '0E08080808080E', '00100804020100', '0E02020202020E', '040A1100000000', '0000000000001F', // X Y Z [ \ ] ^ _
  '08040200000000', '00000E010F110F', '1010161911111E', '00000E1010110E', '01010D1311110F', '00000E111F100E', '0609081C080808', '000F11110F010E', // ` a b c d e f g
  '10101619111111', '04000C0404040E', '0200060202120C', '10101214181412', '0C04040404040E', '00001A15151111', '00001619111111', '00000E1111110E', // h i j k l m n o
  '00001E111E1010', '00000D130F0101', '00001619101010', '00000E100E011E', '08081C08080906', '0000111111130D', '00001111110A04', '0000111115150A', // p q r s t u v w
  '0000110A040A11', '000011110F010E', '00001F0204081F', '02040408040402', '04040404040404', '08040402040408', '00000815020000', // x y z { | } ~
];

/** Unpacked rows (5-bit masks) per char code; unknown characters draw as '?'. */
const ROWS: readonly Uint8Array[] = GLYPHS.map((hex) => {
  const rows = new Uint8Array(GLYPH_HEIGHT);
  for (let r = 0; r < GLYPH_HEIGHT; r++) rows[r] = parseInt(hex.slice(2 * r, 2 * r + 2), 16);
  return rows;
});

/** The 7 row masks of `char` (bit 4 = leftmost column); '?' for characters outside 32..126. */
export function glyphRows(char: string): Uint8Array {
  const code = char.charCodeAt(0);
  return ROWS[code >= 32 && code <= 126 ? code - 32 : '?'.charCodeAt(0) - 32];
}

/** Width (px) of `text` at `scale`: 6 px per character minus the trailing spacing column. */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * CELL_WIDTH - 1) * scale;
}

/** Height (px) of one line of text at `scale` (the glyph, without the spacing row). */
export function textHeight(scale: number): number {
  return GLYPH_HEIGHT * scale;
}

/**
 * Draws `text` with its top-left glyph pixel at (x, y) (whole px): each set
 * font pixel becomes a `scale` x `scale` square of colour `c`. Unset pixels
 * are left alone (no background; see {@link drawLabel}). Clipped to the image.
 */
export function drawText(img: RgbImage, text: string, x: number, y: number, c: Rgb, scale = 1): void {
  let cx = Math.round(x);
  const top = Math.round(y);
  for (const char of text) {
    const rows = glyphRows(char);
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      const bits = rows[r];
      if (bits === 0) continue;
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if ((bits & (0x10 >> col)) !== 0) fillRect(img, cx + col * scale, top + r * scale, cx + (col + 1) * scale, top + (r + 1) * scale, c);
      }
    }
    cx += CELL_WIDTH * scale;
  }
}

/**
 * Draws `text` on a filled background box with `pad` px around it, the box's
 * top-left at (x, y). Returns the box's [width, height] (px).
 */
export function drawLabel(img: RgbImage, text: string, x: number, y: number, fg: Rgb, bg: Rgb, scale = 1, pad = 2): [number, number] {
  const w = textWidth(text, scale) + 2 * pad;
  const h = textHeight(scale) + 2 * pad;
  fillRect(img, x, y, x + w, y + h, bg);
  drawText(img, text, x + pad, y + pad, fg, scale);
  return [w, h];
}
