//! Punycode (RFC 3492) into and out of fixed buffers: the fast path's
//! check of an A-label allocates nothing. `idna::punycode` is the
//! reference (tests).

/// The longest label the buffers hold (a label is at most 63 bytes).
pub const MAX: usize = 64;

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn threshold(k: u32, bias: u32) -> u32 {
    k.saturating_sub(bias).clamp(T_MIN, T_MAX)
}

/// Decodes `input` (the part after `xn--`, lower-case digits only) into
/// `out` as UTF-16 code units, where every character it inserts must be a
/// CJK Unified Ideograph (U+4E00–U+9FFF), all the fast path takes beyond
/// ASCII: the number of characters, `None` when it is not punycode, does
/// not fit, or inserts another character (decoding stops there). The
/// basic code points (before the last `-`) are copied as they are.
/// [`decode`] is the general decoder it is tested against.
pub fn decode_ideographs(input: &[u8], out: &mut [u16; MAX]) -> Option<usize> {
    let (basic, extended) = match input.iter().rposition(|&b| b == b'-') {
        Some(p) => (&input[..p], &input[p + 1..]),
        None => (&input[..0], input),
    };
    if basic.len() > MAX {
        return None;
    }
    let mut len = 0;
    for &b in basic {
        if !b.is_ascii() {
            return None;
        }
        out[len] = u16::from(b);
        len += 1;
    }
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut at = 0;
    while at < extended.len() {
        let old_i = i;
        let (mut w, mut k) = (1u32, BASE);
        loop {
            let digit = match *extended.get(at)? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            at += 1;
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let count = len as u32 + 1;
        bias = adapt(i - old_i, count, old_i == 0);
        n = n.checked_add(i / count)?;
        i %= count;
        if len >= MAX || !(0x4E00..=0x9FFF).contains(&n) {
            return None;
        }
        let at_i = i as usize;
        out.copy_within(at_i..len, at_i + 1);
        out[at_i] = n as u16;
        len += 1;
        i += 1;
    }
    Some(len)
}

/// Decodes `input` (the part after `xn--`, lower-case digits only) into
/// `out`: the number of characters, `None` when it is not punycode or does
/// not fit.
#[cfg(test)]
pub fn decode(input: &[u8], out: &mut [char; MAX]) -> Option<usize> {
    let (basic, extended) = match input.iter().rposition(|&b| b == b'-') {
        Some(p) => (&input[..p], &input[p + 1..]),
        None => (&input[..0], input),
    };
    let mut len = 0;
    for &b in basic {
        if !b.is_ascii() {
            return None;
        }
        *out.get_mut(len)? = char::from(b);
        len += 1;
    }
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut at = 0;
    while at < extended.len() {
        let old_i = i;
        let (mut w, mut k) = (1u32, BASE);
        loop {
            let digit = match *extended.get(at)? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            at += 1;
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let count = len as u32 + 1;
        bias = adapt(i - old_i, count, old_i == 0);
        n = n.checked_add(i / count)?;
        i %= count;
        if len >= MAX {
            return None;
        }
        let c = char::from_u32(n)?;
        out.copy_within(i as usize..len, i as usize + 1);
        out[i as usize] = c;
        len += 1;
        i += 1;
    }
    Some(len)
}

/// Encodes `input` into `out` (without `xn--`): the number of bytes,
/// `None` when it does not fit.
#[cfg(test)]
pub fn encode(input: &[char], out: &mut [u8; MAX]) -> Option<usize> {
    let mut len = 0;
    let mut push = |b: u8, len: &mut usize| -> Option<()> {
        *out.get_mut(*len)? = b;
        *len += 1;
        Some(())
    };
    for &c in input {
        if c.is_ascii() {
            push(c as u8, &mut len)?;
        }
    }
    let basic = len as u32;
    if basic > 0 {
        push(b'-', &mut len)?;
    }
    let digit = |d: u32| {
        if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        }
    };
    let (mut n, mut delta, mut bias, mut h) = (INITIAL_N, 0u32, INITIAL_BIAS, basic);
    while (h as usize) < input.len() {
        let m = input.iter().map(|&c| c as u32).filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(h + 1)?)?;
        n = m;
        for &c in input {
            let c = c as u32;
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let (mut q, mut k) = (delta, BASE);
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    push(digit(t + (q - t) % (BASE - t)), &mut len)?;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                push(digit(q), &mut len)?;
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(s: &str) -> Option<String> {
        let mut out = ['\0'; MAX];
        decode(s.as_bytes(), &mut out).map(|n| out[..n].iter().collect())
    }

    fn ideographs(s: &str) -> Option<String> {
        let mut out = [0u16; MAX];
        decode_ideographs(s.as_bytes(), &mut out).map(|n| String::from_utf16_lossy(&out[..n]))
    }

    #[test]
    fn decode_ideographs_refuses_every_other_insertion() {
        // Labels of other scripts, and ideographs outside U+4E00–U+9FFF
        // (Extension A, B; a compatibility ideograph).
        for s in [
            "bücher",
            "ß",
            "пример",
            "例ß",
            "\u{3400}",
            "\u{20000}",
            "例\u{F900}",
            "a例-ü",
        ] {
            let e = idna::punycode::encode_str(s).unwrap();
            assert_eq!(ideographs(&e), None, "{s}");
        }
        assert_eq!(ideographs("abc-"), Some("abc".into()));
        assert_eq!(ideographs("fsqu00a"), Some("例子".into()));
    }

    fn encoded(s: &str) -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = [0u8; MAX];
        encode(&chars, &mut out).map(|n| String::from_utf8_lossy(&out[..n]).into_owned())
    }

    #[test]
    fn agrees_with_idna() {
        // RFC 3492's sample strings that fit, and Chinese labels.
        for s in [
            "例子",
            "中国",
            "他们为什么不说中文",
            "a例-1",
            "bücher",
            "ß",
            "中文网",
            "a",
            "",
        ] {
            let want = idna::punycode::encode_str(s);
            assert_eq!(encoded(s), want, "{s}");
            if let Some(e) = want {
                assert_eq!(decoded(&e).as_deref(), Some(s), "{e}");
            }
        }
        // (A lone "-" decodes to "" here and fails in idna: either way no
        // U-label, which `is_plain_a_label` asks for.)
        for e in [
            "ihqwcrb4cv8a8dqg056pqjye",
            "fsqu00a",
            "abc-",
            "9",
            "zzzzzzzzzzzz",
            "a-b-c",
            "4gq",
        ] {
            assert_eq!(decoded(e), idna::punycode::decode_to_string(e), "{e}");
        }
    }

    #[test]
    fn every_ideograph_round_trips() {
        for cp in (0x4E00..=0x9FFF).step_by(7) {
            let c = char::from_u32(cp).unwrap();
            for s in [format!("{c}"), format!("a{c}{c}-1"), format!("{c}z{c}")] {
                let e = encoded(&s).unwrap();
                assert_eq!(Some(e.clone()), idna::punycode::encode_str(&s), "{s}");
                assert_eq!(decoded(&e).as_deref(), Some(s.as_str()));
                assert_eq!(ideographs(&e).as_deref(), Some(s.as_str()));
            }
        }
    }
}
