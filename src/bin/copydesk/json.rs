//! The compact JSON of the batch mode's output lines: byte for byte what
//! `serde_json::to_writer` writes, from the same `Serialize` impls, but faster.
//!
//! Where the time went (callgrind of `copydesk parse --jsonl --threads 1` on the seed
//! variants): a third of the run was writing JSON, and most of that was `serde_json`'s
//! string escaping, which looks each byte up in a table, and which it runs on every field
//! name as well as on every text. Here a text is searched eight bytes at a time for what
//! needs escaping (a control character, `"` or `\`), field names too, and each struct is
//! written straight to the writer.
//!
//! The test `writes_what_serde_json_writes` compares the two on the articles and quotes of
//! every golden text.

use serde::ser::{self, Serialize};
use std::fmt::Display;
use std::io::{self, Write};

/// Writes `value` to `out` as compact JSON: what `serde_json::to_writer` writes.
///
/// # Errors
///
/// Writing to `out`, or a map key that is neither a string, a character, a number nor a
/// boolean (which `serde_json` rejects too).
pub fn to_writer<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    value.serialize(&mut Json { out }).map_err(|Error(e)| e)
}

/// The writer's error: an I/O error, or a serializer's message as one.
#[derive(Debug)]
pub struct Error(io::Error);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(io::Error::other(msg.to_string()))
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error(e)
    }
}

/// The serializer: the writer the JSON goes to.
struct Json<'w, W> {
    out: &'w mut W,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes of `w` (eight, in little-endian order) that need escaping in a JSON string: a
/// control character (below 0x20), `"` or `\\`, each marked by its high bit. The lowest
/// mark is always right (a borrow only runs past a byte that is marked itself), so it
/// tells where the first such byte is; those above it may be wrong.
#[inline]
fn escape_marks(w: u64) -> u64 {
    let below_20 = w.wrapping_sub(0x20 * ONES) & !w;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    (below_20 | zero(w ^ (u64::from(b'"') * ONES)) | zero(w ^ (u64::from(b'\\') * ONES))) & HIGH
}

/// The longest string or field name written in one piece with its marks around it.
const SHORT: usize = 30;

/// The escape `serde_json` writes for the byte `c`, or `None` for a byte written as it is.
#[inline]
fn escape(c: u8) -> Option<&'static [u8]> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    /// `\u00XX` for each control character, `XX` in lower-case hex.
    const CONTROLS: [[u8; 6]; 32] = {
        let mut all = [[0u8; 6]; 32];
        let mut c = 0;
        while c < 32 {
            all[c] = [b'\\', b'u', b'0', b'0', HEX[c >> 4], HEX[c & 15]];
            c += 1;
        }
        all
    };
    Some(match c {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x09 => b"\\t",
        0x0A => b"\\n",
        0x0C => b"\\f",
        0x0D => b"\\r",
        0..=0x1F => &CONTROLS[usize::from(c)],
        _ => return None,
    })
}

/// Writes `s` as a JSON string: the runs that need no escaping whole, found eight bytes at
/// a time (the last few bytes padded with letters), with no step a byte.
fn write_str(out: &mut impl Write, s: &str) -> io::Result<()> {
    let b = s.as_bytes();
    if b.len() <= SHORT && b.iter().all(|&c| escape(c).is_none()) {
        // A short string that needs no escaping (a name, a verb, a reason): one write.
        let mut buf = [b'"'; SHORT + 2];
        buf[1..=b.len()].copy_from_slice(b);
        return out.write_all(&buf[..b.len() + 2]);
    }
    out.write_all(b"\"")?;
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let w = match b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => {
                let mut tail = [b'a'; 8];
                tail[..b.len() - i].copy_from_slice(&b[i..]);
                u64::from_le_bytes(tail)
            }
        };
        let marks = escape_marks(w);
        if marks == 0 {
            i += 8;
            continue;
        }
        let at = i + (marks.trailing_zeros() / 8) as usize;
        if let Some(esc) = b.get(at).copied().and_then(escape) {
            out.write_all(&b[start..at])?;
            out.write_all(esc)?;
            start = at + 1;
        }
        i = at + 1;
    }
    out.write_all(&b[start..])?;
    out.write_all(b"\"")
}

/// Writes `n` in decimal.
fn write_u128(out: &mut impl Write, mut n: u128) -> io::Result<()> {
    let mut digits = [0u8; 40];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.write_all(&digits[at..])
}

/// Writes `n` in decimal (the common case of [`write_u128`], in 64-bit steps).
fn write_u64(out: &mut impl Write, mut n: u64) -> io::Result<()> {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.write_all(&digits[at..])
}

/// Writes `n` in decimal, with its sign.
fn write_i64(out: &mut impl Write, n: i64) -> io::Result<()> {
    if n < 0 {
        out.write_all(b"-")?;
    }
    write_u64(out, n.unsigned_abs())
}

/// The list or object being written: whether an element was written yet, and what closes
/// it (`]`, `}`, or `]}` / `}}` for an enum variant's).
struct Compound<'a, 'w, W> {
    json: &'a mut Json<'w, W>,
    first: bool,
    close: &'static [u8],
}

impl<W: Write> Compound<'_, '_, W> {
    /// Writes the `,` before every element but the first.
    fn comma(&mut self) -> io::Result<()> {
        if !std::mem::replace(&mut self.first, false) {
            self.json.out.write_all(b",")?;
        }
        Ok(())
    }

    /// Writes `"key":` after the `,` that may come before it: in one write for a short key
    /// that needs no escaping (every field name of the output types). Each write to the
    /// line costs a call; a field of one small number took five.
    fn key(&mut self, key: &str) -> io::Result<()> {
        let comma = !std::mem::replace(&mut self.first, false);
        let k = key.as_bytes();
        let mut buf = [0u8; SHORT + 4];
        if k.len() <= SHORT && k.iter().all(|&c| escape(c).is_none()) {
            let skip = usize::from(!comma);
            buf[0] = b',';
            buf[1] = b'"';
            buf[2..2 + k.len()].copy_from_slice(k);
            buf[2 + k.len()..4 + k.len()].copy_from_slice(b"\":");
            return self.json.out.write_all(&buf[skip..4 + k.len()]);
        }
        if comma {
            self.json.out.write_all(b",")?;
        }
        write_str(self.json.out, key)?;
        self.json.out.write_all(b":")
    }

    fn end(self) -> Result<(), Error> {
        Ok(self.json.out.write_all(self.close)?)
    }
}

impl<'w, W: Write> Json<'w, W> {
    /// Opens a list or object with `open` (after `{"variant":` when `variant` is one).
    fn open<'a>(
        &'a mut self,
        variant: Option<&str>,
        open: &[u8],
        close: &'static [u8],
    ) -> Result<Compound<'a, 'w, W>, Error> {
        if let Some(v) = variant {
            self.out.write_all(b"{")?;
            write_str(self.out, v)?;
            self.out.write_all(b":")?;
        }
        self.out.write_all(open)?;
        Ok(Compound {
            json: self,
            first: true,
            close,
        })
    }
}

impl<'a, 'w, W: Write> ser::Serializer for &'a mut Json<'w, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'w, W>;
    type SerializeTuple = Compound<'a, 'w, W>;
    type SerializeTupleStruct = Compound<'a, 'w, W>;
    type SerializeTupleVariant = Compound<'a, 'w, W>;
    type SerializeMap = Compound<'a, 'w, W>;
    type SerializeStruct = Compound<'a, 'w, W>;
    type SerializeStructVariant = Compound<'a, 'w, W>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        Ok(self.out.write_all(if v { b"true" } else { b"false" })?)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        Ok(write_i64(self.out, v.into())?)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        Ok(write_i64(self.out, v.into())?)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        Ok(write_i64(self.out, v.into())?)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        Ok(write_i64(self.out, v)?)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        if v < 0 {
            self.out.write_all(b"-")?;
        }
        Ok(write_u128(self.out, v.unsigned_abs())?)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        Ok(write_u64(self.out, v.into())?)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        Ok(write_u64(self.out, v.into())?)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        Ok(write_u64(self.out, v.into())?)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        Ok(write_u64(self.out, v)?)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        Ok(write_u128(self.out, v)?)
    }
    // (No output type has a float; `serde_json` writes one, so that the two agree.)
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        Ok(serde_json::to_writer(&mut *self.out, &v).map_err(io::Error::from)?)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        Ok(serde_json::to_writer(&mut *self.out, &v).map_err(io::Error::from)?)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        Ok(write_str(self.out, v.encode_utf8(&mut [0; 4]))?)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        Ok(write_str(self.out, v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(self.out.write_all(b"null")?)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(self.out.write_all(b"null")?)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        Ok(write_str(self.out, variant)?)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.write_all(b"{")?;
        write_str(self.out, variant)?;
        self.out.write_all(b":")?;
        value.serialize(&mut *self)?;
        Ok(self.out.write_all(b"}")?)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'w, W>, Error> {
        self.open(None, b"[", b"]")
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'w, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'w, W>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'w, W>, Error> {
        self.open(Some(variant), b"[", b"]}")
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'w, W>, Error> {
        self.open(None, b"{", b"}")
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'w, W>, Error> {
        self.open(None, b"{", b"}")
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'w, W>, Error> {
        self.open(Some(variant), b"{", b"}}")
    }
}

impl<W: Write> ser::SerializeSeq for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma()?;
        value.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl<W: Write> ser::SerializeTuple for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl<W: Write> ser::SerializeTupleStruct for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl<W: Write> ser::SerializeTupleVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl<W: Write> ser::SerializeMap for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma()?;
        key.serialize(MapKey {
            out: &mut *self.json.out,
        })?;
        Ok(self.json.out.write_all(b":")?)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl<W: Write> ser::SerializeStruct for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key)?;
        value.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl<W: Write> ser::SerializeStructVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// The serializer of a map's keys: a string as a string, and a character, number or
/// boolean as a string of its JSON, as `serde_json` writes them; anything else is an error.
struct MapKey<'w, W> {
    out: &'w mut W,
}

impl<W: Write> MapKey<'_, W> {
    /// Writes what `f` writes, quoted.
    fn quoted(self, f: impl FnOnce(&mut W) -> io::Result<()>) -> Result<(), Error> {
        self.out.write_all(b"\"")?;
        f(self.out)?;
        Ok(self.out.write_all(b"\"")?)
    }
}

/// The error of a key that is no string.
fn key_error() -> Error {
    ser::Error::custom("key must be a string")
}

impl<W: Write> ser::Serializer for MapKey<'_, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|out| out.write_all(if v { b"true" } else { b"false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.quoted(|out| write_i64(out, v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.quoted(|out| write_u64(out, v))
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        Ok(write_str(self.out, v.encode_utf8(&mut [0; 4]))?)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        Ok(write_str(self.out, v)?)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        Ok(write_str(self.out, variant)?)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// The JSON of `value` by [`to_writer`] and by `serde_json`, which must be the same.
    fn assert_same<T: Serialize + ?Sized>(value: &T) {
        let mut ours = Vec::new();
        to_writer(&mut ours, value).unwrap();
        let theirs = serde_json::to_vec(value).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every ASCII byte and a few wider characters, at each place of an eight-byte step
        // and past it, alone and in runs.
        let mut chars: Vec<char> = (0u8..0x80).map(char::from).collect();
        chars.extend([
            '\u{80}',
            '\u{9f}',
            '\u{a0}',
            '\u{2028}',
            '\u{2029}',
            '“',
            '\u{10ffff}',
        ]);
        for c in chars {
            for before in 0..10 {
                let s = format!("{}{c}{}", "a".repeat(before), "b".repeat(before % 3));
                assert_same(&s);
                assert_same(&c.to_string().repeat(before + 1));
            }
            assert_same(&c);
        }
        assert_same("");
        assert_same("\"quoted\" \\ back\tslash\r\n\u{0}\u{1f}\u{7f}");
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        Plain(Inner),
        Other { n: u8 },
    }

    #[derive(Serialize)]
    struct Inner {
        text: String,
        at: Option<usize>,
    }

    #[derive(Serialize)]
    enum Outer {
        Unit,
        Newtype(i64),
        Tuple(u8, char),
        Struct { a: bool, b: Vec<u8> },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapper(u32);

    #[derive(Serialize)]
    struct Pair(i8, i16);

    #[derive(Serialize)]
    struct All {
        numbers: (u8, u16, u32, u64, u128, i8, i16, i32, i64, i128),
        floats: (f32, f64, f64),
        unit: (),
        unit_struct: Unit,
        wrapper: Wrapper,
        pair: Pair,
        none: Option<String>,
        some: Option<&'static str>,
        empty: Vec<u8>,
        empty_map: BTreeMap<String, u8>,
        tagged: Vec<Tagged>,
        outer: Vec<Outer>,
        by_number: BTreeMap<i32, &'static str>,
        by_flag: BTreeMap<bool, u8>,
        by_char: BTreeMap<char, u8>,
        #[serde(with = "serde_bytes_like")]
        bytes: Vec<u8>,
    }

    /// Writes a list of bytes as bytes (`serialize_bytes`).
    mod serde_bytes_like {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    #[test]
    fn every_kind_of_value_is_written_as_serde_json_writes_it() {
        let value = All {
            numbers: (
                0,
                u16::MAX,
                7,
                u64::MAX,
                u128::MAX,
                i8::MIN,
                -1,
                i32::MIN,
                i64::MIN,
                i128::MIN,
            ),
            floats: (1.5, -0.0, f64::NAN),
            unit: (),
            unit_struct: Unit,
            wrapper: Wrapper(9),
            pair: Pair(-3, 300),
            none: None,
            some: Some("x\ny"),
            empty: Vec::new(),
            empty_map: BTreeMap::new(),
            tagged: vec![
                Tagged::Plain(Inner {
                    text: "a \"b\"".into(),
                    at: Some(3),
                }),
                Tagged::Other { n: 2 },
            ],
            outer: vec![
                Outer::Unit,
                Outer::Newtype(-5),
                Outer::Tuple(1, '"'),
                Outer::Struct {
                    a: true,
                    b: vec![1, 2],
                },
            ],
            by_number: BTreeMap::from([(-2, "minus"), (10, "ten")]),
            by_flag: BTreeMap::from([(false, 0), (true, 1)]),
            by_char: BTreeMap::from([('"', 1), ('k', 2)]),
            bytes: vec![0, 255],
        };
        assert_same(&value);
        // A key that is no string is an error, as in `serde_json`.
        let bad = BTreeMap::from([((1, 2), 3)]);
        assert!(to_writer(&mut Vec::new(), &bad).is_err());
        assert!(serde_json::to_vec(&bad).is_err());
    }

    #[test]
    fn articles_and_quotes_are_written_as_serde_json_writes_them() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(!texts.is_empty());
        // Texts whose output holds what needs escaping: controls, quotes, backslashes.
        texts.push(
            "A \\ headline with \"marks\"\n\n\"Tab\there,\" said Ann Lee, a \u{1}clerk.\n\n\
             Body \u{7f} text\r\nwith CRLF and \u{2028} a separator.\n"
                .to_string(),
        );
        let parser = copydesk::Parser::default();
        for text in &texts {
            assert_same(&parser.parse(text).unwrap());
            assert_same(&parser.quotes(text).unwrap());
        }
    }
}
