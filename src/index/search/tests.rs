//! The searcher's unit tests: ranking, narrowing, equivalence with a
//! naive scan.

use super::*;
use crate::api::{Customer, CustomerService};

fn customer(code: u64, name: &str, doc: &str, phone: &str) -> Customer {
    Customer {
        codigo_cliente: Some(code),
        nome_razaosocial: Some(name.to_owned()),
        cpf_cnpj: Some(doc.to_owned()),
        telefone_primario: Some(phone.to_owned()),
        ..Customer::default()
    }
}

fn with_service(mut c: Customer, login: &str, ip: &str, mac: &str) -> Customer {
    c.servicos.push(CustomerService {
        login: Some(login.into()),
        ipv4: Some(ip.into()),
        mac_addr: Some(mac.into()),
        ..CustomerService::default()
    });
    c
}

fn sample() -> CustomerIndex {
    let all = vec![
        with_service(
            customer(1000, "Maria da Silva", "12345678909", "(37) 99911-2233"),
            "maria.silva",
            "10.20.30.40",
            "AA:BB:CC:DD:EE:01",
        ),
        with_service(
            customer(1001, "João Conceição", "98765432100", "(31) 3222-1111"),
            "joao.c",
            "10.20.31.7",
            "AA:BB:CC:DD:EE:02",
        ),
        with_service(
            customer(1002, "Dalmar Ribeiro", "11222333000181", "(37) 3241-0000"),
            "dalmar",
            "172.16.0.9",
            "00-11-22-33-44-55",
        ),
        customer(1003, "Mariana Souza", "45678912300", "(37) 98888-7777"),
    ];
    CustomerIndex::build(&all)
}

fn codes(idx: &CustomerIndex, m: &Option<Matches>) -> Vec<u64> {
    m.as_ref()
        .map(|m| m.hits.iter().map(|h| idx.row(h.id).unwrap().code).collect())
        .unwrap_or_default()
}

fn find(idx: &CustomerIndex, q: &str) -> Vec<u64> {
    let mut s = Searcher::default();
    let m = s.search(idx, q);
    codes(idx, &m)
}

#[test]
fn names_match_fuzzily_without_accents_or_case() {
    let idx = sample();
    assert_eq!(find(&idx, "joao conc"), vec![1001]);
    assert_eq!(find(&idx, "JOÃO"), vec![1001]);
    assert_eq!(find(&idx, "mr slv"), vec![1000]);
    assert!(find(&idx, "zzz").is_empty());
}

#[test]
fn a_prefix_ranks_above_a_match_inside_a_word() {
    let idx = sample();
    let found = find(&idx, "mar");
    // Maria and Mariana start with it; Dalmar only contains it.
    assert_eq!(found.len(), 3);
    assert_eq!(*found.last().unwrap(), 1002, "{found:?}");
}

#[test]
fn documents_match_with_or_without_mask() {
    let idx = sample();
    assert_eq!(find(&idx, "123.456.789-09"), vec![1000]);
    assert_eq!(find(&idx, "12345678909"), vec![1000]);
    assert_eq!(find(&idx, "123.45"), vec![1000]);
    // Masked, it is a document typed from its start: not its middle.
    assert!(find(&idx, "345.678").is_empty());
    assert_eq!(find(&idx, "345678"), vec![1000]);
    assert_eq!(find(&idx, "11.222.333/0001-81"), vec![1002]);
}

#[test]
fn codes_and_phones_match_as_digits() {
    let idx = sample();
    assert_eq!(find(&idx, "1003"), vec![1003]);
    assert_eq!(find(&idx, "(37) 98888"), vec![1003]);
    assert_eq!(find(&idx, "3222-1111"), vec![1001]);
}

#[test]
fn logins_match_as_words() {
    let idx = sample();
    assert_eq!(find(&idx, "joao.c"), vec![1001]);
    // "da silva maria" holds d-a-l-m-a-r in order: fuzzy, but ranked below.
    assert_eq!(find(&idx, "dalmar")[0], 1002);
}

#[test]
fn ips_match_by_prefix_or_part() {
    let idx = sample();
    assert_eq!(find(&idx, "10.20."), vec![1000, 1001]);
    assert_eq!(find(&idx, "10.20.31"), vec![1001]);
    assert_eq!(find(&idx, "172.16"), vec![1002]);
}

#[test]
fn macs_match_with_any_separator() {
    let idx = sample();
    assert_eq!(find(&idx, "aa:bb:cc:dd:ee:02"), vec![1001]);
    assert_eq!(find(&idx, "AA-BB-CC-DD-EE-01"), vec![1000]);
    assert_eq!(find(&idx, "00:11:22"), vec![1002]);
}

#[test]
fn one_character_is_not_matched() {
    let idx = sample();
    let mut s = Searcher::default();
    assert_eq!(s.search(&idx, "m"), None);
    assert_eq!(s.search(&idx, " m "), None);
    assert!(s.search(&idx, "ma").is_some());
}

#[test]
fn narrowing_gives_the_same_answer_as_a_fresh_search() {
    let idx = sample();
    let mut typed = Searcher::default();
    let query = "maria silva";
    for end in 1..=query.len() {
        let q = &query[..end];
        let narrowed = typed.search(&idx, q);
        let fresh = Searcher::default().search(&idx, q);
        assert_eq!(narrowed, fresh, "after typing {q:?}");
    }
    // Backspace back to "mari", then a different turn.
    for q in [
        "maria silv",
        "mari",
        "mariana",
        "ma",
        "10.20",
        "10.20.3",
        "10",
    ] {
        assert_eq!(
            typed.search(&idx, q),
            Searcher::default().search(&idx, q),
            "{q:?}"
        );
    }
}

#[test]
fn a_mac_typed_after_an_ip_is_looked_for_in_everyone() {
    // "10.20" is an IP; "10.20-" a MAC's hex, 1020, which this MAC
    // holds though no IP or document holds "10.20".
    let idx = CustomerIndex::build(&[with_service(
        customer(7, "Ana", "99988877766", ""),
        "ana",
        "172.16.0.9",
        "00-11-10-20-44-55",
    )]);
    let mut typed = Searcher::default();
    assert_eq!(codes(&idx, &typed.search(&idx, "10.20")), Vec::<u64>::new());
    assert_eq!(codes(&idx, &typed.search(&idx, "10.20-")), vec![7]);
}

#[test]
fn only_the_best_are_returned_but_all_are_counted() {
    let all: Vec<Customer> = (0..500)
        .map(|i| customer(5000 + i, &format!("Cliente Silva {i}"), "", ""))
        .collect();
    let idx = CustomerIndex::build(&all);
    let mut s = Searcher::new(20);
    let m = s.search(&idx, "silva").unwrap();
    assert_eq!(m.total, 500);
    assert_eq!(m.hits.len(), 20);
    assert!(m.hits.windows(2).all(|w| w[0].score >= w[1].score));
}

/// A small random generator (xorshift), so the cases are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// A base where many customers share names, digits and addresses, so
/// most queries match many of them with many equal scores.
fn random_base(rng: &mut Rng, n: usize) -> CustomerIndex {
    let first = [
        "Maria", "MARIANA", "José", "joão", "Ana", "Dalmar", "Márcia", "Sílvia",
    ];
    let last = [
        "da Silva",
        "SOUZA",
        "Conceição",
        "de Souza",
        "Ramos",
        "Silveira",
        "Mar",
    ];
    let all: Vec<Customer> = (0..n)
        .map(|i| {
            let name = format!(
                "{} {} {}",
                rng.pick(&first),
                rng.pick(&last),
                rng.pick(&last)
            );
            let doc = match rng.below(4) {
                0 => String::new(),
                1 => format!("37{}", rng.digits(9)),
                _ => {
                    let len = if rng.below(5) == 0 { 14 } else { 11 };
                    rng.digits(len)
                }
            };
            let phone = format!("(37) 9{}-{}", rng.digits(4), rng.digits(4));
            let mut c = customer(1000 + i as u64 * 7, &name, &doc, &phone);
            if rng.below(4) == 0 {
                c.nome_fantasia = Some(format!("{} Net", rng.pick(&last)));
            }
            for _ in 0..rng.below(3) {
                let login = format!("{}.{}", rng.pick(&first), rng.digits(2)).to_lowercase();
                let ip = format!(
                    "10.{}.{}.{}",
                    rng.below(3) * 10,
                    rng.below(40),
                    rng.below(255)
                );
                let mac = (0..6)
                    .map(|_| format!("{:02x}", [0xaa, 0xbb, 0x0a, 0x1b][rng.below(4)]))
                    .collect::<Vec<_>>()
                    .join(":");
                c = with_service(c, &login, &ip, &mac);
            }
            c
        })
        .collect();
    CustomerIndex::build(&all)
}

#[test]
fn the_fast_path_finds_exactly_what_scoring_everyone_finds() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let idx = random_base(&mut rng, 3_000);
    let queries = [
        "maria silva",
        "ma",
        "mar sil",
        "jose de souza",
        "mr slv",
        "silva.m",
        "ana.1",
        "dalmar",
        "conc",
        "a",
        "371",
        "37 9",
        "(37) 9",
        "123.4",
        "10.20.1",
        "10.",
        "10.10.",
        "aa:bb",
        "0a1b",
        "aa-bb-0a",
        "bbaa",
        "1007",
        // Digits searched packed: odd and even lengths, a prefix past a
        // missing document, longer than any digits haystack.
        "37999",
        "9 1",
        "100.",
        "3712345678901234567890123456789012345678901234567890",
        "aabb0a1baabb0a1baabb0a1baabb",
        "x y",
        "  ma ria",
        "maria\\ s",
    ];
    let mut checked = 0;
    for limit in [100, 7, 1] {
        let mut typed = Searcher::new(limit);
        for q in queries {
            for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let prefix = &q[..end];
                let fast = typed.search(&idx, prefix);
                let brute = Searcher::new(limit).brute_force(&idx, prefix);
                assert_eq!(fast, brute, "limit {limit}, typing {prefix:?}");
                checked += usize::from(fast.is_some_and(|m| m.total > limit));
            }
            // Backspace all the way, then the next query.
            for end in (1..q.len()).rev().filter(|e| q.is_char_boundary(*e)) {
                let prefix = &q[..end];
                let brute = Searcher::new(limit).brute_force(&idx, prefix);
                assert_eq!(typed.search(&idx, prefix), brute, "back to {prefix:?}");
            }
        }
    }
    // Most keystrokes had more matches than are shown: the pruning ran.
    assert!(checked > 60, "only {checked} pruned answers");
}

#[test]
fn random_queries_on_random_data_match_the_brute_force() {
    let mut rng = Rng(0xfeed_beef_0bad_cafe);
    let idx = random_base(&mut rng, 800);
    let keys = b"maijosuvlrcd .1037-:ab9";
    for _ in 0..400 {
        let len = 2 + rng.below(6);
        let q: String = (0..len)
            .map(|_| char::from(keys[rng.below(keys.len())]))
            .collect();
        let mut s = Searcher::new(1 + rng.below(40));
        let limit = s.limit;
        assert_eq!(
            s.search(&idx, &q),
            Searcher::new(limit).brute_force(&idx, &q),
            "{q:?}"
        );
    }
}
