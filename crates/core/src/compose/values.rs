//! The value syntaxes compose-go and the Docker engine parse inside strings:
//! interpolation templates, ports, Go durations, byte sizes, restart
//! policies, IP addresses. Each returns a message in the wording of the tool
//! that would reject the value.

/// Problems in a string's `$` templates, as (byte range in the string,
/// message). `$$` is a literal `$`; `$NAME` and `${NAME…}` are variables;
/// a `$` before anything else is left alone, as compose-go leaves it.
pub fn interpolation_errors(value: &str) -> Vec<(usize, usize, String)> {
    let mut errors = Vec::new();
    check_template(value, 0, &mut errors, 0);
    errors
}

fn is_name_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_name_char(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

fn check_template(
    value: &str,
    base: usize,
    errors: &mut Vec<(usize, usize, String)>,
    depth: usize,
) {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'$') => i += 2,
            Some(b'{') => {
                let start = i;
                match braced_end(bytes, i + 2) {
                    None => {
                        errors.push((
                            base + start,
                            base + bytes.len(),
                            format!(
                                "`{}` is never closed: add `}}` (or write `$$` for a literal `$`)",
                                &value[start..]
                            ),
                        ));
                        return;
                    }
                    Some(end) => {
                        let inner = &value[i + 2..end];
                        check_braced(inner, base + start, base + end + 1, errors, depth);
                        i = end + 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
}

/// The index of the `}` closing a `${` whose content starts at `from`,
/// counting nested `${…}`.
fn braced_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'$' if bytes.get(i + 1) == Some(&b'$') => i += 1,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth == 0 => return Some(i),
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn check_braced(
    inner: &str,
    start: usize,
    end: usize,
    errors: &mut Vec<(usize, usize, String)>,
    depth: usize,
) {
    let bytes = inner.as_bytes();
    let shown = format!("${{{inner}}}");
    if bytes.is_empty() || !is_name_start(bytes[0]) {
        errors.push((
            start,
            end,
            format!("invalid interpolation format `{shown}`: a variable name starts with a letter or `_` (write `$$` for a literal `$`)"),
        ));
        return;
    }
    let name_end = bytes
        .iter()
        .position(|&b| !is_name_char(b))
        .unwrap_or(bytes.len());
    let rest = &inner[name_end..];
    if rest.is_empty() {
        return;
    }
    let operator = ["-", ":-", "?", ":?", "+", ":+"]
        .iter()
        .filter(|op| rest.starts_with(*op))
        .max_by_key(|op| op.len());
    match operator {
        Some(op) => {
            // The default or message may hold templates of its own.
            if depth < 16 {
                let offset = start + 2 + name_end + op.len();
                check_template(&rest[op.len()..], offset, errors, depth + 1);
            }
        }
        None => errors.push((
            start,
            end,
            format!(
                "invalid interpolation format `{shown}`: after the name comes `}}`, `:-`, `-`, `:?`, `?`, `:+` or `+` (write `$$` for a literal `$`)"
            ),
        )),
    }
}

/// Whether interpolation will decide (part of) this string.
pub fn has_variables(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'$' {
            if bytes[i + 1] == b'$' {
                i += 2;
                continue;
            }
            if bytes[i + 1] == b'{' || is_name_start(bytes[i + 1]) {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// A port or port range: `80`, `8000-8010`.
fn port_range(text: &str, what: &str) -> Result<(u32, u32), String> {
    let parse = |p: &str| -> Result<u32, String> {
        p.parse::<u32>()
            .ok()
            .filter(|n| *n <= 65535)
            .ok_or_else(|| format!("invalid {what} {text:?}: ports are numbers from 0 to 65535"))
    };
    match text.split_once('-') {
        Some((low, high)) => {
            let (low, high) = (parse(low)?, parse(high)?);
            if high < low {
                return Err(format!(
                    "invalid {what} range {text:?}: the end is below the start"
                ));
            }
            Ok((low, high))
        }
        None => parse(text).map(|p| (p, p)),
    }
}

/// A published port in compose's short syntax, as the Docker CLI reads it:
/// `[[host_ip:][host_port[-range]]:]container_port[-range][/protocol]`,
/// with an IPv6 host address in brackets.
#[derive(Debug, PartialEq, Eq)]
pub struct PortSpec {
    pub host_ip: Option<String>,
    /// None: Docker picks a free port.
    pub published: Option<(u32, u32)>,
    pub target: (u32, u32),
    pub protocol: String,
}

pub fn parse_port(spec: &str) -> Result<PortSpec, String> {
    let (address, protocol) = match spec.rsplit_once('/') {
        Some((address, protocol)) => (address, protocol.to_string()),
        None => (spec, "tcp".to_string()),
    };
    if !matches!(protocol.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!(
            "invalid protocol {protocol:?} in port {spec:?}: use tcp, udp or sctp"
        ));
    }
    let (host_ip, rest) = if let Some(bracketed) = address.strip_prefix('[') {
        let Some((ip, rest)) = bracketed.split_once(']') else {
            return Err(format!(
                "invalid port {spec:?}: `[` without `]` around the IPv6 address"
            ));
        };
        let Some(rest) = rest.strip_prefix(':') else {
            return Err(format!(
                "invalid port {spec:?}: a `:` follows the bracketed address"
            ));
        };
        (Some(ip.to_string()), rest)
    } else {
        match address.matches(':').count() {
            0 | 1 => (None, address),
            2 => {
                let (ip, rest) = address.split_once(':').unwrap_or_default();
                (Some(ip.to_string()), rest)
            }
            _ => {
                return Err(format!(
                    "invalid port {spec:?}: write an IPv6 host address in brackets, as in [::1]:8080:80"
                ))
            }
        }
    };
    if let Some(ip) = host_ip.as_deref() {
        if !ip.is_empty() && !is_ip(ip) {
            return Err(format!("invalid IP address {ip:?} in port {spec:?}"));
        }
    }
    let (published, target) = match rest.split_once(':') {
        Some((published, target)) => (Some(published), target),
        None => (None, rest),
    };
    let target = port_range(target, "container port")?;
    let published = match published {
        Some("") | None => None,
        Some(p) => Some(port_range(p, "published port")?),
    };
    if let Some(published) = published {
        let target_size = target.1 - target.0;
        let published_size = published.1 - published.0;
        if target_size > 0 && target_size != published_size {
            return Err(format!(
                "invalid port {spec:?}: the published range and the container range differ in size"
            ));
        }
    }
    Ok(PortSpec {
        host_ip: host_ip.filter(|ip| !ip.is_empty()),
        published,
        target,
        protocol,
    })
}

/// An `expose` entry: `80`, `80/udp`, `8000-8010`.
pub fn parse_expose(spec: &str) -> Result<(u32, u32), String> {
    let (port, protocol) = spec.rsplit_once('/').unwrap_or((spec, "tcp"));
    if !matches!(protocol, "tcp" | "udp" | "sctp") {
        return Err(format!(
            "invalid protocol {protocol:?} in {spec:?}: use tcp, udp or sctp"
        ));
    }
    port_range(port, "port")
}

pub fn is_ip(text: &str) -> bool {
    text.parse::<std::net::IpAddr>().is_ok()
}

/// Go's `time.ParseDuration`; the message is Go's.
pub fn parse_duration(text: &str) -> Result<f64, String> {
    let original = text;
    let invalid = || format!("time: invalid duration {original:?}");
    let mut s = text;
    let negative = s.starts_with('-');
    s = s.strip_prefix(['-', '+']).unwrap_or(s);
    if s == "0" {
        return Ok(0.0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total = 0.0;
    while !s.is_empty() {
        let digits = s
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let number = &s[..digits];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return Err(invalid());
        }
        s = &s[digits..];
        let unit_len = s
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map_or(s.len(), |(i, _)| i);
        let unit = &s[..unit_len];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {original:?}"));
        }
        let scale = match unit {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => {
                return Err(format!(
                    "time: unknown unit {unit:?} in duration {original:?}"
                ))
            }
        };
        total += number.parse::<f64>().map_err(|_| invalid())? * scale;
        s = &s[unit_len..];
    }
    Ok(if negative { -total } else { total })
}

/// go-units `RAMInBytes`: `512`, `512k`, `1.5g`, `2GiB`, `100 MB`.
pub fn parse_byte_size(text: &str) -> Result<f64, String> {
    let invalid =
        || format!("invalid size: {text:?} (use a number with an optional unit: b, k, m, g, t, p)");
    let bytes = text.as_bytes();
    let digits = bytes
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    let number = &text[..digits];
    if number.is_empty()
        || number.starts_with('.')
        || number.ends_with('.')
        || number.contains("..")
    {
        return Err(invalid());
    }
    let mut rest = &text[digits..];
    rest = rest.strip_prefix(' ').unwrap_or(rest);
    let mut unit = rest.chars();
    let multiplier = match unit.clone().next().map(|c| c.to_ascii_lowercase()) {
        Some('k') => 1024f64,
        Some('m') => 1024f64.powi(2),
        Some('g') => 1024f64.powi(3),
        Some('t') => 1024f64.powi(4),
        Some('p') => 1024f64.powi(5),
        _ => 1.0,
    };
    if multiplier > 1.0 {
        unit.next();
    }
    let suffix: String = unit.collect::<String>().to_ascii_lowercase();
    if !matches!(suffix.as_str(), "" | "b" | "ib" | "i") {
        return Err(invalid());
    }
    // "1.2.3" passes go-units' pattern but not its number parser.
    let value: f64 = number
        .split('.')
        .take(2)
        .collect::<Vec<_>>()
        .join(".")
        .parse()
        .map_err(|_| invalid())?;
    if number.matches('.').count() > 1 {
        return Err(invalid());
    }
    Ok(value * multiplier)
}

/// Docker's restart policies.
pub fn check_restart(text: &str) -> Result<(), String> {
    match text.split_once(':') {
        None if matches!(text, "no" | "always" | "on-failure" | "unless-stopped") => Ok(()),
        Some(("on-failure", count)) if count.parse::<u32>().is_ok() => Ok(()),
        Some(("on-failure", count)) => Err(format!(
            "invalid restart policy {text:?}: the retry count {count:?} is not a number"
        )),
        Some(("no" | "always" | "unless-stopped", _)) => Err(format!(
            "invalid restart policy {text:?}: only on-failure takes a retry count"
        )),
        _ => Err(format!(
            "invalid restart policy {text:?}: use no, always, on-failure[:N] or unless-stopped"
        )),
    }
}

/// compose-go's `NormalizeProjectName`: lower case, only `[a-z0-9_-]`, no
/// leading `_` or `-`.
pub fn normalize_project_name(name: &str) -> String {
    let kept: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    kept.trim_start_matches(['_', '-']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation() {
        assert!(interpolation_errors("${A} $B $$ ${C:-x} ${D-${E:?e}} $1 $ ${F:+y}").is_empty());
        let errors = interpolation_errors("a ${B");
        assert_eq!((errors[0].0, errors[0].1), (2, 5));
        assert_eq!(interpolation_errors("${}").len(), 1);
        assert_eq!(interpolation_errors("${A B}").len(), 1);
        assert_eq!(interpolation_errors("${1A}").len(), 1);
        assert_eq!(interpolation_errors("${A:-${B C}}").len(), 1);
        assert!(
            has_variables("x${A}")
                && has_variables("$A")
                && !has_variables("$$A")
                && !has_variables("$1")
        );
    }

    #[test]
    fn ports() {
        let p = parse_port("127.0.0.1:8080:80/udp").unwrap();
        assert_eq!(p.host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(
            (p.published, p.target, p.protocol.as_str()),
            (Some((8080, 8080)), (80, 80), "udp")
        );
        assert_eq!(
            parse_port("[::1]:8080:80").unwrap().host_ip.as_deref(),
            Some("::1")
        );
        assert_eq!(
            parse_port("8000-8010:8000-8010").unwrap().target,
            (8000, 8010)
        );
        assert_eq!(
            parse_port("8000-8010:80").unwrap().published,
            Some((8000, 8010))
        );
        assert_eq!(parse_port("80").unwrap().published, None);
        assert_eq!(parse_port("127.0.0.1::80").unwrap().published, None);
        for bad in [
            "80:http",
            "70000",
            "8080:80/tcpp",
            "::1:8080:80",
            "300.1.1.1:80:80",
            "8000-8002:80-81",
            "90-80",
        ] {
            assert!(parse_port(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_sizes_restart() {
        assert_eq!(parse_duration("1m30s").unwrap(), 90.0);
        assert_eq!(parse_duration("1.5s").unwrap(), 1.5);
        assert_eq!(parse_duration("0").unwrap(), 0.0);
        assert_eq!(
            parse_duration("10").unwrap_err(),
            "time: missing unit in duration \"10\""
        );
        assert!(
            parse_duration("10sec").is_err()
                && parse_duration("").is_err()
                && parse_duration("s").is_err()
        );
        assert_eq!(parse_byte_size("512m").unwrap(), 512.0 * 1024.0 * 1024.0);
        assert!(
            parse_byte_size("2GiB").is_ok()
                && parse_byte_size("100 MB").is_ok()
                && parse_byte_size("1024").is_ok()
        );
        assert!(
            parse_byte_size("1.2.3g").is_err()
                && parse_byte_size("lots").is_err()
                && parse_byte_size("5x").is_err()
        );
        assert!(check_restart("on-failure:3").is_ok() && check_restart("unless-stopped").is_ok());
        assert!(check_restart("sometimes").is_err() && check_restart("always:3").is_err());
    }
}
