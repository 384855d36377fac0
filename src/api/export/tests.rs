use super::*;
use serde_json::{Value, json};

/// The elements and the kept envelope members, parsed.
type Split = (Vec<Value>, Vec<(String, Value)>);

/// Splits `body` fed in pieces cut at `cuts` (sorted offsets).
fn split_at(body: &[u8], cuts: &[usize]) -> Result<Split, SplitError> {
    let mut s = ArraySplitter::new("clientes");
    let mut out = VecDeque::new();
    let mut start = 0;
    for &c in cuts.iter().chain(std::iter::once(&body.len())) {
        s.feed(&body[start..c], &mut out)?;
        start = c;
    }
    let env = s.finish()?;
    let elems = out
        .into_iter()
        .map(|raw| serde_json::from_slice(&raw).expect("each element is JSON"))
        .collect();
    let env = env
        .into_iter()
        .map(|(k, raw)| (k, serde_json::from_slice(&raw).expect("member is JSON")))
        .collect();
    Ok((elems, env))
}

fn split(body: &str) -> Result<Split, SplitError> {
    split_at(body.as_bytes(), &[])
}

const TRICKY: &str = r#"{"status":"success","msg":"ok \"quoted\" [x] {y}",
    "clientes":[
      {"nome":"A \"B\" ]}[{,","n":[1,[2,{"x":"]"}]],"e":"\\","u":"\u00e9"},
      {"nome":"Sé","vazio":{},"lista":[],"neg":-1.5e3,"t":true,"f":false,"z":null},
      {"k":"\\\"","nested":{"a":{"b":{"c":[{"d":"}"}]}}}}
    ],"extra":{"clientes":[{"not":"this"}]},"n":42}"#;

#[test]
fn tricky_elements_come_out_whole() {
    let (elems, env) = split(TRICKY).unwrap();
    assert_eq!(elems.len(), 3);
    assert_eq!(elems[0]["nome"], json!("A \"B\" ]}[{,"));
    assert_eq!(elems[0]["n"], json!([1, [2, {"x": "]"}]]));
    assert_eq!(elems[0]["e"], json!("\\"));
    assert_eq!(elems[0]["u"], json!("é"));
    assert_eq!(elems[1]["neg"], json!(-1500.0));
    assert_eq!(elems[2]["k"], json!("\\\""));
    assert_eq!(elems[2]["nested"]["a"]["b"]["c"][0]["d"], json!("}"));
    assert_eq!(
        env,
        vec![
            ("status".to_owned(), json!("success")),
            ("msg".to_owned(), json!("ok \"quoted\" [x] {y}")),
        ]
    );
}

#[test]
fn every_cut_of_a_small_body_gives_the_same_elements() {
    let body = TRICKY.as_bytes();
    let whole = split_at(body, &[]).unwrap();
    for cut in 0..=body.len() {
        assert_eq!(split_at(body, &[cut]).unwrap(), whole, "cut at {cut}");
    }
    // Two cuts, every pair a few bytes apart: cuts inside escapes and
    // inside numbers and literals, fed byte by byte in places.
    for a in 0..body.len() {
        for b in [a + 1, a + 2, a + 3] {
            if b <= body.len() {
                assert_eq!(split_at(body, &[a, b]).unwrap(), whole, "cuts {a},{b}");
            }
        }
    }
    let every: Vec<usize> = (1..body.len()).collect();
    assert_eq!(split_at(body, &every).unwrap(), whole);
}

#[test]
fn scalars_at_the_end_of_the_list_and_a_bare_array() {
    let (elems, _) = split(r#"{"clientes":[1,2.5, "x" ,true,null,{"a":1}]}"#).unwrap();
    assert_eq!(
        elems,
        vec![
            json!(1),
            json!(2.5),
            json!("x"),
            json!(true),
            Value::Null,
            json!({"a":1})
        ]
    );
    let (elems, env) = split(" [ {\"a\":1} , {\"b\":[]} ] \n").unwrap();
    assert_eq!(elems, vec![json!({"a":1}), json!({"b":[]})]);
    assert!(env.is_empty());
    let (elems, _) = split(r#"{"clientes":[]}"#).unwrap();
    assert!(elems.is_empty());
    let (elems, _) = split("{}").unwrap();
    assert!(elems.is_empty());
}

#[test]
fn a_sparse_list_yields_its_values() {
    let (elems, _) =
        split(r#"{"clientes":{"0":{"a":1},"7":{"b":"}"}},"status":"success"}"#).unwrap();
    assert_eq!(elems, vec![json!({"a":1}), json!({"b":"}"})]);
}

#[test]
fn null_list_and_error_envelope() {
    let (elems, env) =
        split(r#"{"status":"error","msg":"Falha","errors":["x"],"clientes":null}"#).unwrap();
    assert!(elems.is_empty());
    assert_eq!(env.len(), 3);
    let raw: Vec<(String, Vec<u8>)> = env
        .into_iter()
        .map(|(k, v)| (k, serde_json::to_vec(&v).unwrap()))
        .collect();
    match envelope_error("cliente/all", &raw) {
        Some(ApiError::Refused { msg, errors, .. }) => {
            assert_eq!(msg, "Falha");
            assert_eq!(errors, vec!["x".to_owned()]);
        }
        other => panic!("{other:?}"),
    }
    let ok = vec![("status".to_owned(), b"\"suscess\"".to_vec())];
    assert_eq!(envelope_error("cliente/all", &ok), None);
}

#[test]
fn broken_bodies_are_errors() {
    for bad in [
        "",
        "   ",
        "<html><title>502</title></html>",
        "nope",
        r#"{"clientes":[{"a":1},"#,
        r#"{"clientes":[{"a":1}"#,
        r#"{"clientes":[{"a":"1}]}"#,
        r#"{"clientes":[{"a":1}}"#,
        r#"{"clientes" [1]}"#,
        r#"{"clientes":[1 2]}"#,
        r#"{"clientes":[]} x"#,
        r#"{"a":1,}"#,
        r#"{"clientes":[,]}"#,
    ] {
        assert!(split(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut body = vec![0xEF, 0xBB, 0xBF];
    body.extend_from_slice(br#"{"clientes":[{"a":1}]}"#);
    let (elems, _) = split_at(&body, &[1, 2]).unwrap();
    assert_eq!(elems, vec![json!({"a":1})]);
}

#[test]
fn latin1_bytes_pass_through_the_splitter() {
    // "São" in Windows-1252: 0xE3 is not a structural byte.
    let body = b"{\"clientes\":[{\"nome\":\"S\xE3o \\\"x\\\"\"}]}";
    let mut s = ArraySplitter::new("clientes");
    let mut out = VecDeque::new();
    s.feed(body, &mut out).unwrap();
    s.finish().unwrap();
    let raw = out.pop_front().unwrap();
    assert_eq!(raw, b"{\"nome\":\"S\xE3o \\\"x\\\"\"}".to_vec());
}

#[test]
fn an_oversized_element_fails_at_the_same_byte_however_it_is_cut() {
    let prefix = br#"{"clientes":[{"a":""#;
    let mut body = prefix.to_vec();
    body.resize(prefix.len() + MAX_ELEMENT_BYTES, b'x');
    body.extend_from_slice(br#""}]}"#);
    // The element starts at `{`: its byte number MAX_ELEMENT_BYTES + 1
    // is the one refused.
    let start = br#"{"clientes":["#.len() as u64;
    let expected = start + MAX_ELEMENT_BYTES as u64;
    for chunk in [body.len(), 1 << 16, 4093] {
        let mut s = ArraySplitter::new("clientes");
        let mut out = VecDeque::new();
        let err = body
            .chunks(chunk)
            .try_for_each(|c| s.feed(c, &mut out))
            .unwrap_err();
        assert_eq!(err.offset, expected, "chunks of {chunk}");
        assert_eq!(err.reason, "one list element is larger than 16 MiB");
        assert!(out.is_empty());
    }
    // An element of exactly MAX_ELEMENT_BYTES fits: `{"a":"` and `"}`
    // around the x's.
    let mut fits = prefix.to_vec();
    fits.resize(prefix.len() + MAX_ELEMENT_BYTES - 8, b'x');
    fits.extend_from_slice(br#""}]}"#);
    let mut s = ArraySplitter::new("clientes");
    let mut out = VecDeque::new();
    s.feed(&fits, &mut out).unwrap();
    s.finish().unwrap();
    assert_eq!(out.pop_front().unwrap().len(), MAX_ELEMENT_BYTES);
}

#[test]
fn recycled_buffers_come_back_empty_and_small_ones_only() {
    let mut s = ArraySplitter::new("clientes");
    let mut out = VecDeque::new();
    s.feed(br#"{"clientes":[{"a":1},"#, &mut out).unwrap();
    let first = out.pop_front().unwrap();
    let ptr = first.as_ptr();
    s.recycle(first);
    s.recycle(Vec::with_capacity(SPARE_CAPACITY + 1));
    assert_eq!(s.spare.len(), 1);
    s.feed(br#"{"b":2}]}"#, &mut out).unwrap();
    let second = out.pop_front().unwrap();
    assert_eq!(second, br#"{"b":2}"#.to_vec());
    assert_eq!(second.as_ptr(), ptr, "the buffer was reused");
    s.finish().unwrap();
}

#[test]
fn elements_are_handed_out_as_soon_as_they_end() {
    let mut s = ArraySplitter::new("clientes");
    let mut out = VecDeque::new();
    s.feed(br#"{"clientes":[{"a":1},{"b""#, &mut out).unwrap();
    assert_eq!(out.len(), 1);
    s.feed(br#":2}"#, &mut out).unwrap();
    assert_eq!(out.len(), 2);
    s.feed(b"]}", &mut out).unwrap();
    s.finish().unwrap();
}
