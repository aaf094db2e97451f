//! Reading the protocol's frames from standard input, for an editor that sends a whole
//! catalogue file at every keystroke.
//!
//! [`lsp_server`]'s own reader trusts its input: a body that is not UTF-8 ends the
//! server, and an announced length is allocated before it is read. So frames are read
//! here ([`read_frame`]), and a large text is decoded where it lies (`take_text`): read
//! through `serde_json`, a 45 MB buffer would be held four times over (the body, the
//! parser's scratch, the string it builds, and the copy serde makes of it to read
//! lsp-server's untagged `Message`), on top of the catalogue checked before it.

use std::io::{BufRead, Read};

use lsp_server::Message;
use serde::Deserialize;
use serde_json::value::RawValue;

/// From this length on a body's text is decoded in place. Below it the copies cost
/// nothing worth the care.
pub const LARGE: u64 = 1 << 20;

/// What one frame of standard input holds.
#[derive(Debug)]
pub enum Frame {
    /// A message.
    Message(Message),
    /// Something that is not a message: skipped, as no response can name its id.
    Malformed,
    /// The end of the input.
    End,
}

/// Reads one frame: `Content-Length` and other headers, a blank line, then the body.
///
/// Unlike [`Message::read`], a body that is not UTF-8 does not end the input: an editor
/// that sends one byte wrong gets the rest of its message read (the byte becomes U+FFFD),
/// not a server that stops. The body is read as it comes rather than into a buffer of the
/// announced length, so a length of many gigabytes costs only what is really sent.
///
/// # Errors
///
/// When standard input cannot be read.
pub fn read_frame(input: &mut impl BufRead) -> std::io::Result<Frame> {
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::End);
        }
        let header = String::from_utf8_lossy(&line);
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("Content-Length") {
                length = value.trim().parse::<u64>().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Frame::Malformed);
    };
    // Room for the body as announced, up to a bound: a lie costs no more than that.
    let mut body = Vec::with_capacity(usize::try_from(length.min(1 << 26)).unwrap_or(0));
    input.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(Frame::End);
    }
    let body = match String::from_utf8(body) {
        Ok(body) => body,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    Ok(message(body).map_or(Frame::Malformed, Frame::Message))
}

/// The message a body holds, if it holds one.
fn message(body: String) -> Option<Message> {
    let value = if body.len() as u64 >= LARGE {
        match take_text(body) {
            Ok(taken) => {
                let (mut value, pointer, text) = taken?;
                *value.pointer_mut(&pointer)? = serde_json::Value::String(text);
                value
            }
            Err(body) => serde_json::from_str(&body).ok()?,
        }
    } else {
        serde_json::from_str(&body).ok()?
    };
    into_message(value)
}

/// The message a JSON value holds. Taken apart by hand rather than by serde: `Message` is
/// an untagged enum, which serde reads through a copy of every string in it.
fn into_message(value: serde_json::Value) -> Option<Message> {
    let serde_json::Value::Object(mut fields) = value else {
        return None;
    };
    let params = |fields: &mut serde_json::Map<String, serde_json::Value>| {
        fields.remove("params").unwrap_or_default()
    };
    match fields.remove("method") {
        Some(serde_json::Value::String(method)) => Some(match fields.remove("id") {
            Some(id) => Message::Request(lsp_server::Request {
                id: serde_json::from_value(id).ok()?,
                method,
                params: params(&mut fields),
            }),
            None => Message::Notification(lsp_server::Notification {
                method,
                params: params(&mut fields),
            }),
        }),
        Some(_) => None,
        None => serde_json::from_value(serde_json::Value::Object(fields))
            .ok()
            .map(Message::Response),
    }
}

/// The places a document's text takes in the notifications that carry one.
#[derive(Deserialize)]
struct Shape<'a> {
    #[serde(borrow)]
    params: Option<ShapeParams<'a>>,
}

#[derive(Deserialize)]
struct ShapeParams<'a> {
    /// `didOpen`: `params.textDocument.text`.
    #[serde(borrow, rename = "textDocument")]
    text_document: Option<WithText<'a>>,
    /// `didChange`: `params.contentChanges[i].text`.
    #[serde(borrow, rename = "contentChanges")]
    content_changes: Option<Vec<WithText<'a>>>,
    /// `didSave`: `params.text`.
    #[serde(borrow)]
    text: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct WithText<'a> {
    #[serde(borrow)]
    text: Option<&'a RawValue>,
}

/// A body's message with its largest document text left out, the JSON pointer of the
/// text's place, and the text, decoded in the body's own memory, which becomes the
/// text's (`None` if it cannot be decoded). The body comes back untouched when it has no
/// document text.
type Taken = Option<(serde_json::Value, String, String)>;

fn take_text(body: String) -> Result<Taken, String> {
    let Ok(shape) = serde_json::from_str::<Shape>(&body) else {
        return Err(body);
    };
    let params = shape.params;
    let mut texts: Vec<(String, &RawValue)> = Vec::new();
    if let Some(params) = &params {
        if let Some(text) = params.text_document.as_ref().and_then(|d| d.text) {
            texts.push(("/params/textDocument/text".to_owned(), text));
        }
        for (i, change) in params.content_changes.iter().flatten().enumerate() {
            if let Some(text) = change.text {
                texts.push((format!("/params/contentChanges/{i}/text"), text));
            }
        }
        if let Some(text) = params.text {
            texts.push(("/params/text".to_owned(), text));
        }
    }
    let Some((pointer, raw)) = texts
        .into_iter()
        .filter(|(_, raw)| raw.get().starts_with('"'))
        .max_by_key(|(_, raw)| raw.get().len())
    else {
        return Err(body);
    };
    // Where the string lies in the body, its quotes included: the raw value borrows it.
    let start = raw.get().as_ptr() as usize - body.as_ptr() as usize;
    let end = start + raw.get().len();
    let mut rest = String::with_capacity(body.len() - (end - start) + 2);
    rest.push_str(&body[..start]);
    rest.push_str("\"\"");
    rest.push_str(&body[end..]);
    let Ok(value) = serde_json::from_str(&rest) else {
        return Err(body);
    };
    drop(rest);
    let mut bytes = body.into_bytes();
    let Some(length) = unescape_to_front(&mut bytes, start + 1, end - 1) else {
        return Ok(None);
    };
    bytes.truncate(length);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    Ok(Some((value, pointer, text)))
}

/// Decodes the JSON string contents `bytes[from..to]` (between the quotes) to the start of
/// `bytes`, and returns the decoded length; `None` for a broken escape. Decoding never
/// lengthens a string, so what is written never overtakes what is still to read. A
/// `\u` escape of half a surrogate pair becomes U+FFFD, as a broken byte of UTF-8 does.
fn unescape_to_front(bytes: &mut [u8], from: usize, to: usize) -> Option<usize> {
    let (mut read, mut write) = (from, 0);
    while read < to {
        // A run without escapes moves as it is.
        let run = memchr::memchr(b'\\', &bytes[read..to]).map_or(to, |i| read + i);
        bytes.copy_within(read..run, write);
        write += run - read;
        read = run;
        if read == to {
            break;
        }
        let escape = *bytes.get(read + 1)?;
        read += 2;
        let byte = match escape {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let first = hex4(bytes.get(read..read + 4)?)?;
                read += 4;
                let c = if (0xd800..0xdc00).contains(&first) {
                    let low = bytes
                        .get(read..read + 6)
                        .filter(|next| next.starts_with(b"\\u"))
                        .and_then(|next| hex4(&next[2..]))
                        .filter(|low| (0xdc00..0xe000).contains(low));
                    match low {
                        Some(low) => {
                            read += 6;
                            char::from_u32(0x10000 + ((first - 0xd800) << 10) + (low - 0xdc00))
                        }
                        None => None,
                    }
                } else {
                    char::from_u32(first)
                };
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                let mut utf8 = [0; 4];
                let encoded = c.encode_utf8(&mut utf8).as_bytes();
                bytes[write..write + encoded.len()].copy_from_slice(encoded);
                write += encoded.len();
                continue;
            }
            _ => return None,
        };
        bytes[write] = byte;
        write += 1;
    }
    Some(write)
}

/// The value of four hexadecimal digits.
fn hex4(digits: &[u8]) -> Option<u32> {
    let digits = std::str::from_utf8(digits).ok()?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut input = input;
        let mut found = Vec::new();
        loop {
            match read_frame(&mut input).unwrap() {
                Frame::Message(Message::Notification(n)) => found.push(n.params.to_string()),
                Frame::Message(other) => found.push(format!("{other:?}")),
                Frame::Malformed => found.push("malformed".to_owned()),
                Frame::End => return found,
            }
        }
    }

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        frame
    }

    #[test]
    fn a_frame_that_is_not_utf8_or_not_a_message_is_read_past() {
        let good = br#"{"jsonrpc":"2.0","method":"m","params":"ok"}"#;
        let bad = b"{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":\"\xff\xfe\"}";
        let mut input = Vec::new();
        for body in [&good[..], &bad[..], b"not json", b"", &good[..]] {
            input.extend(framed(body));
        }
        input.extend_from_slice(b"Content-Type: x\r\n\r\n");
        input.extend_from_slice(b"Content-Length: 99999999999999\r\n\r\n{}");
        assert_eq!(
            frames(&input),
            [
                r#""ok""#,
                "\"\u{fffd}\u{fffd}\"",
                "malformed",
                "malformed",
                r#""ok""#,
                "malformed",
            ]
        );
    }

    /// A large text of every kind a buffer holds: escapes, quotes, tabs, CRLF, accents,
    /// characters beyond the basic plane, and a byte of broken UTF-8.
    fn large_text() -> String {
        let line = "name: \"Fenwick & Hale\" \\ caf\u{e9} \u{1f600}\t/ \u{8}\u{c}\u{1}\r\n";
        line.repeat(usize::try_from(LARGE).unwrap() / line.len() + 1)
    }

    /// The notifications an editor sends with a whole text, each with `text` in its place.
    fn notifications(text: &str) -> Vec<serde_json::Value> {
        let document = serde_json::json!({ "uri": "file:///c.yaml", "version": 2 });
        vec![
            serde_json::json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": { "uri": "file:///c.yaml", "languageId": "yaml", "version": 1, "text": text } } }),
            serde_json::json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": document, "contentChanges": [{ "text": "old" }, { "text": text }] } }),
            serde_json::json!({ "jsonrpc": "2.0", "method": "textDocument/didSave", "params": {
                "textDocument": { "uri": "file:///c.yaml" }, "text": text } }),
        ]
    }

    #[test]
    fn a_large_text_is_read_as_serde_json_reads_it_in_each_notification() {
        let text = large_text();
        for notification in notifications(&text) {
            let body = serde_json::to_vec(&notification).unwrap();
            let mut input = &framed(&body)[..];
            let frame = read_frame(&mut input).unwrap();
            let Frame::Message(Message::Notification(read)) = frame else {
                panic!("not read: {frame:?}");
            };
            assert_eq!(read.method, notification["method"]);
            assert_eq!(read.params, notification["params"]);
            // Decoded in place, not by serde_json.
            let taken = take_text(String::from_utf8(body).unwrap())
                .unwrap()
                .unwrap();
            assert_eq!(taken.2, text);
        }
    }

    #[test]
    fn a_large_body_with_a_broken_escape_or_no_text_is_read_as_before() {
        let filler = "x".repeat(usize::try_from(LARGE).unwrap());
        // A lone surrogate half becomes U+FFFD; serde_json refuses the message.
        let lone = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didSave","params":{{"textDocument":{{"uri":"file:///c.yaml"}},"text":"{filler}\ud800!"}}}}"#
        );
        let Frame::Message(Message::Notification(read)) =
            read_frame(&mut &framed(lone.as_bytes())[..]).unwrap()
        else {
            panic!("a lone surrogate half is read");
        };
        assert_eq!(read.params["text"], format!("{filler}\u{fffd}!"));
        // Large, but with its text elsewhere: a plain value.
        let other = format!(r#"{{"jsonrpc":"2.0","method":"m","params":{{"other":"{filler}"}}}}"#);
        assert!(matches!(
            read_frame(&mut &framed(other.as_bytes())[..]).unwrap(),
            Frame::Message(Message::Notification(n)) if n.params["other"] == filler.as_str()
        ));
        // Not JSON at all.
        assert_eq!(frames(&framed(filler.as_bytes())), ["malformed"]);
    }

    #[test]
    fn each_kind_of_message_is_told_apart_by_its_fields() {
        use lsp_server::RequestId;
        use serde_json::json;
        let request =
            into_message(json!({ "jsonrpc": "2.0", "id": 7, "method": "m", "params": [1] }));
        assert!(matches!(request, Some(Message::Request(r))
            if r.id == RequestId::from(7) && r.method == "m" && r.params == json!([1])));
        let notification = into_message(json!({ "jsonrpc": "2.0", "method": "exit" }));
        assert!(matches!(notification, Some(Message::Notification(n))
            if n.method == "exit" && n.params.is_null()));
        let response = into_message(json!({ "jsonrpc": "2.0", "id": "a", "result": 1 }));
        assert!(matches!(response, Some(Message::Response(r))
            if r.id == RequestId::from("a".to_owned()) && r.response_result.as_ref().ok() == Some(&json!(1))));
        for not_a_message in [
            json!([1]),
            json!({ "method": 3 }),
            json!({ "id": { "no": "id" }, "method": "m" }),
        ] {
            assert!(into_message(not_a_message).is_none());
        }
    }

    proptest! {
        #[test]
        fn decoding_in_place_agrees_with_serde_json(text in any::<String>(), prefix in 0usize..8) {
            let quoted = serde_json::to_string(&text).unwrap();
            let mut bytes = vec![b' '; prefix];
            bytes.extend_from_slice(quoted.as_bytes());
            let length = unescape_to_front(&mut bytes, prefix + 1, prefix + quoted.len() - 1);
            prop_assert_eq!(length, Some(text.len()));
            prop_assert_eq!(&bytes[..text.len()], text.as_bytes());
        }

        #[test]
        fn every_escape_decodes_as_serde_json_decodes_it(code in 0u32..0x11_0000) {
            // Written as `\u` escapes (two for a character beyond the basic plane).
            let Some(c) = char::from_u32(code) else { return Ok(()); };
            let mut units = [0u16; 2];
            let escaped = c.encode_utf16(&mut units).iter().fold(String::new(), |mut escaped, unit| {
                let _ = write!(escaped, "\\u{unit:04x}");
                escaped
            });
            let mut bytes = format!("\"{escaped}\"").into_bytes();
            let to = bytes.len() - 1;
            let length = unescape_to_front(&mut bytes, 1, to).unwrap();
            prop_assert_eq!(std::str::from_utf8(&bytes[..length]).unwrap(), c.to_string());
        }
    }
}
