//! Word lists for the synthetic data, compiled into the binary so the
//! simulator needs no files at run time.

use std::sync::OnceLock;

/// One city the simulated ISP serves.
#[derive(Debug, Clone)]
pub struct City {
    pub name: &'static str,
    pub uf: &'static str,
    pub state_name: &'static str,
    pub ibge: &'static str,
    pub cep_first: u32,
    pub cep_last: u32,
    /// Whether the city's CEPs belong to a business unit: prospects there see
    /// only the unit's plans, elsewhere every prospect plan (as documented).
    pub business_unit: bool,
}

pub struct Words {
    pub first_names: Vec<&'static str>,
    pub surnames: Vec<&'static str>,
    pub company_words: Vec<&'static str>,
    pub company_suffixes: Vec<&'static str>,
    /// (logradouro, name)
    pub streets: Vec<(&'static str, &'static str)>,
    pub neighbourhoods: Vec<&'static str>,
    pub cities: Vec<City>,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn parse() -> Words {
    let streets = lines(include_str!("../../assets/sim/streets.txt"))
        .map(|l| l.split_once('|').expect("streets.txt: logradouro|name"))
        .collect();
    let cities = lines(include_str!("../../assets/sim/cities.txt"))
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            assert_eq!(f.len(), 7, "cities.txt: bad line {l}");
            City {
                name: f[0],
                uf: f[1],
                state_name: f[2],
                ibge: f[3],
                cep_first: f[4].parse().expect("cities.txt: cep"),
                cep_last: f[5].parse().expect("cities.txt: cep"),
                business_unit: f[6] == "1",
            }
        })
        .collect();
    Words {
        first_names: lines(include_str!("../../assets/sim/first_names.txt")).collect(),
        surnames: lines(include_str!("../../assets/sim/surnames.txt")).collect(),
        company_words: lines(include_str!("../../assets/sim/company_words.txt")).collect(),
        company_suffixes: lines(include_str!("../../assets/sim/company_suffixes.txt")).collect(),
        streets,
        neighbourhoods: lines(include_str!("../../assets/sim/neighbourhoods.txt")).collect(),
        cities,
    }
}

/// The parsed word lists (parsed once per process).
pub fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_populated_and_ceps_ordered() {
        let w = words();
        assert!(w.first_names.len() >= 50);
        assert!(w.surnames.len() >= 40);
        assert!(w.streets.len() >= 30);
        assert!(w.neighbourhoods.len() >= 20);
        assert!(w.cities.len() >= 8);
        for c in &w.cities {
            assert!(c.cep_first <= c.cep_last, "{}", c.name);
            assert_eq!(c.ibge.len(), 7, "{}", c.name);
        }
    }
}
