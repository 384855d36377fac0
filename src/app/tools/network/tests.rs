use super::*;
use crate::api::NetInterface;

fn eq(id: u64, name: &str, ip: &str) -> Equipment {
    Equipment {
        id_equipamento: Some(id),
        nome: Some(name.into()),
        ipv4: Some(ip.into()),
        ..Equipment::default()
    }
}

fn zone(name: &str, ifaces: &[(&str, Equipment)]) -> ServiceZone {
    ServiceZone {
        nome: Some(name.into()),
        interfaces: ifaces
            .iter()
            .map(|(n, e)| NetInterface {
                nome: Some((*n).into()),
                equipamento_conexao: Some(Equipment {
                    id_equipamento: None,
                    ..e.clone()
                }),
                ..NetInterface::default()
            })
            .collect(),
        ..ServiceZone::default()
    }
}

fn wanted(name: Option<&str>, ip: Option<&str>, iface: Option<&str>) -> Wanted {
    Wanted {
        name: name.map(Into::into),
        ips: ip.into_iter().map(Into::into).collect(),
        interface: iface.map(Into::into),
    }
}

fn state() -> NetworkState {
    let olt = eq(7, "OLT Conceição", "10.1.0.2");
    let ap = eq(8, "AP Norte", "10.1.0.3");
    let mut s = NetworkState::default();
    s.equipment.data = Some(vec![ap.clone(), olt.clone()]);
    s.pops.data = Some(vec![
        Pop {
            nome: Some("POP Sul".into()),
            equipamentos: vec![ap.clone()],
            ..Pop::default()
        },
        Pop {
            nome: Some("POP Centro".into()),
            // The same id with another address, as in the document.
            equipamentos: vec![eq(7, "OLT-CONCEICAO-renamed", "177.0.0.1")],
            ..Pop::default()
        },
    ]);
    s.zones.data = Some(vec![
        zone("WIRELESS", &[("ath0", ap)]),
        zone("FIBRA A", &[("PON1", olt.clone())]),
        zone("FIBRA B", &[("PON5", olt)]),
    ]);
    s
}

/// Issue 13: "POP POP CENTRO" when the POP's name already says POP.
#[test]
fn jump_note_does_not_repeat_a_label_the_name_already_has() {
    use crate::i18n::Lang;
    assert_eq!(
        labeled(Lang::PtBr, T::NetJumpPop, "POP CENTRO"),
        "POP CENTRO"
    );
    assert_eq!(labeled(Lang::PtBr, T::NetJumpPop, "pop-sul"), "pop-sul");
    assert_eq!(labeled(Lang::PtBr, T::NetJumpPop, "CENTRO"), "POP CENTRO");
    // A word that only starts like the label is not the label.
    assert_eq!(labeled(Lang::PtBr, T::NetJumpPop, "POPULAR"), "POP POPULAR");
    assert_eq!(
        labeled(Lang::PtBr, T::NetJumpZone, "ZONA NORTE"),
        "ZONA NORTE"
    );
    assert_eq!(labeled(Lang::En, T::NetJumpZone, "Zone 3"), "Zone 3");
    assert_eq!(labeled(Lang::PtBr, T::NetJumpZone, "Norte"), "Zona Norte");
    assert_eq!(
        labeled(Lang::PtBr, T::NetJumpEquipment, "EQUIPAMENTO OLT 1"),
        "EQUIPAMENTO OLT 1"
    );
}

#[test]
fn name_matches_ignoring_case_accents_and_spaces() {
    let f = locate(
        &state(),
        &wanted(Some("  olt   conceicao "), None, Some("pon5")),
    );
    assert_eq!(f.equipment, Some(1));
    // The POP lists it under another name: the id joins them.
    assert_eq!(f.pop, Some(1));
    // Both fibre zones have the OLT; the service's own PON wins.
    assert_eq!(f.zone, Some(2));
}

#[test]
fn address_matches_when_the_name_does_not() {
    let f = locate(&state(), &wanted(Some("other"), Some(" 10.1.0.3 "), None));
    assert_eq!((f.equipment, f.pop, f.zone), (Some(0), Some(0), Some(0)));
}

#[test]
fn nothing_matches() {
    let f = locate(&state(), &wanted(Some("OLT XPTO"), Some("192.0.2.1"), None));
    assert_eq!((f.equipment, f.pop, f.zone), (None, None, None));
}

#[test]
fn a_service_without_equipment_wants_nothing() {
    let mut s = CustomerService::default();
    assert_eq!(Wanted::from_service(&s), None);
    s.equipamento_conexao = Some(Equipment {
        nome: Some("  ".into()),
        ..Equipment::default()
    });
    assert_eq!(Wanted::from_service(&s), None);
    // The interface's equipment stands in for a missing one.
    s.equipamento_conexao = None;
    s.interface = Some(NetInterface {
        nome: Some("PON2".into()),
        equipamento_conexao: Some(eq(1, "OLT A", "10.0.0.9")),
        ..NetInterface::default()
    });
    let w = Wanted::from_service(&s).unwrap();
    assert_eq!(w.describe(), "OLT A (10.0.0.9)");
    assert_eq!(w.interface.as_deref(), Some("PON2"));
}

#[test]
fn filters_search_nested_equipment() {
    let mut s = state();
    s.lists[NetTab::Pops.index()].filter.input = "177.0.0".into();
    assert_eq!(s.visible(NetTab::Pops), vec![1]);
    s.lists[NetTab::Zones.index()].filter.input = "pon5".into();
    assert_eq!(
        s.selected_zone().and_then(|z| z.nome.as_deref()),
        Some("FIBRA B")
    );
    s.lists[NetTab::Equipment.index()].filter.input = "conceição".into();
    assert_eq!(s.visible(NetTab::Equipment), vec![1]);
}

#[test]
fn containing_lists_pops_and_zones_of_an_equipment() {
    let s = state();
    let olt = &s.equipment.data.as_ref().unwrap()[1];
    let (pops, zones) = s.containing(olt);
    let pops: Vec<_> = pops.unwrap().iter().map(|p| p.nome.clone()).collect();
    assert_eq!(pops, vec![Some("POP Centro".to_owned())]);
    let zones: Vec<_> = zones.unwrap().iter().map(|z| z.nome.clone()).collect();
    assert_eq!(
        zones,
        vec![Some("FIBRA A".to_owned()), Some("FIBRA B".to_owned())]
    );
}
