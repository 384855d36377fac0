//! Brazilian document numbers and text normalisation used by the generator
//! and by the search semantics.

use rand::Rng;

fn check_digit(digits: &[u8], weights: &[u32]) -> u8 {
    let sum: u32 = digits
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    let r = sum % 11;
    if r < 2 { 0 } else { (11 - r) as u8 }
}

fn to_string(d: &[u8]) -> String {
    d.iter().map(|d| char::from(b'0' + d)).collect()
}

/// A random CPF with valid check digits (never all digits equal).
pub fn cpf(rng: &mut impl Rng) -> String {
    loop {
        let mut d: Vec<u8> = (0..9).map(|_| rng.random_range(0..10)).collect();
        if d.iter().all(|x| *x == d[0]) {
            continue;
        }
        let w1: Vec<u32> = (2..=10).rev().collect();
        d.push(check_digit(&d, &w1));
        let w2: Vec<u32> = (2..=11).rev().collect();
        d.push(check_digit(&d, &w2));
        return to_string(&d);
    }
}

/// A random CNPJ (head office, branch 0001) with valid check digits.
pub fn cnpj(rng: &mut impl Rng) -> String {
    let mut d: Vec<u8> = (0..8).map(|_| rng.random_range(0..10)).collect();
    d.extend([0, 0, 0, 1]);
    let w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    d.push(check_digit(&d, &w1));
    let w2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    d.push(check_digit(&d, &w2));
    to_string(&d)
}

/// A random alphanumeric CNPJ, as the Receita Federal issues them since
/// July 2026: twelve characters from `0-9A-Z` (branch `0001`), then two
/// numeric check digits computed on each character's code minus 48.
pub fn cnpj_alphanumeric(rng: &mut impl Rng) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut d: Vec<u8> = (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] - b'0')
        .collect();
    // At least one letter, so it is not an ordinary CNPJ by chance.
    d[2] = b'K' - b'0';
    d.extend([0, 0, 0, 1]);
    let w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    d.push(check_digit(&d, &w1));
    let w2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    d.push(check_digit(&d, &w2));
    d.iter().map(|v| char::from(v + b'0')).collect()
}

/// Whether `s` is an 11-digit CPF or a 14-character CNPJ (numeric, or
/// alphanumeric in its first twelve) with valid check digits.
pub fn valid_cpf_cnpj(s: &str) -> bool {
    let d: Vec<u8> = s.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    let alnum_cnpj = d.len() == 14
        && s.bytes()
            .take(12)
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        && s.bytes().skip(12).all(|b| b.is_ascii_digit());
    if !alnum_cnpj && d.iter().any(|x| *x > 9) {
        return false;
    }
    match d.len() {
        11 => {
            let w1: Vec<u32> = (2..=10).rev().collect();
            let w2: Vec<u32> = (2..=11).rev().collect();
            !d.iter().all(|x| *x == d[0])
                && check_digit(&d[..9], &w1) == d[9]
                && check_digit(&d[..10], &w2) == d[10]
        }
        14 => {
            let w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
            let w2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
            check_digit(&d[..12], &w1) == d[12] && check_digit(&d[..13], &w2) == d[13]
        }
        _ => false,
    }
}

/// A CPF/CNPJ as it is matched: letters and digits, upper case (an
/// alphanumeric CNPJ keeps its letters).
pub fn doc_key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Digits only.
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Upper case without accents: name search is case- and accent-insensitive.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => 'A',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => 'O',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
            'ç' | 'Ç' => 'C',
            'ñ' | 'Ñ' => 'N',
            other => {
                for u in other.to_uppercase() {
                    out.push(u);
                }
                continue;
            }
        };
        out.push(base);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn known_documents_validate() {
        // From the documentation's examples (some of its CPFs are fake,
        // e.g. 10682083681; these are valid).
        assert!(valid_cpf_cnpj("86214941081"));
        assert!(valid_cpf_cnpj("41107296617"));
        assert!(valid_cpf_cnpj("41483316000169"));
        assert!(!valid_cpf_cnpj("86214941082"));
        assert!(!valid_cpf_cnpj("11111111111"));
        assert!(!valid_cpf_cnpj("41483316000168"));
        // The Receita Federal's published alphanumeric example.
        assert!(valid_cpf_cnpj("12ABC34501DE35"));
        assert!(!valid_cpf_cnpj("12ABC34501DE36"));
    }

    #[test]
    fn generated_documents_validate() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for _ in 0..500 {
            assert!(valid_cpf_cnpj(&cpf(&mut rng)));
            assert!(valid_cpf_cnpj(&cnpj(&mut rng)));
            assert!(valid_cpf_cnpj(&cnpj_alphanumeric(&mut rng)));
        }
    }

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("José da Conceição"), "JOSE DA CONCEICAO");
        assert_eq!(digits("123.456.789-09"), "12345678909");
    }
}
