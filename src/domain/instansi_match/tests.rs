use super::*;

fn tree() -> Vec<Names> {
    vec![
        Names::new("KOTA-SEMARANG", "Kota Semarang", []),
        Names::new("KAB-SEMARANG", "Kabupaten Semarang", []),
        Names::new("KOTA-SEMARANG-DISHUB", "Dishub Kota Semarang", []),
        Names::new("KAB-SEMARANG-DISHUB", "Dishub Kab. Semarang", []),
        Names::new("KOTA-SEMARANG-DINKES", "Dinkes Kota Semarang", []),
        Names::new(
            "KOTA-SEMARANG-DUKCAPIL",
            "Disdukcapil Kota Semarang",
            ["Dukcapil Semarang"],
        ),
        Names::new("KEMENKES", "Kementerian Kesehatan", []),
        Names::new("PLN", "PT PLN (Persero)", []),
        Names::new(
            "BPJSKES",
            "Badan Penyelenggara Jaminan Sosial Kesehatan",
            [],
        ),
    ]
}

fn resolved(query: &str) -> Resolved {
    let t = tree();
    let refs: Vec<&Names> = t.iter().collect();
    resolve(&refs, query)
}

fn code_of(query: &str) -> Option<String> {
    match resolved(query) {
        Resolved::One(i) => Some(tree()[i].code.clone()),
        _ => None,
    }
}

#[test]
fn the_full_name_finds_the_abbreviated_instansi() {
    assert_eq!(
        code_of("Dinas Perhubungan Kota Semarang").as_deref(),
        Some("KOTA-SEMARANG-DISHUB")
    );
    assert_eq!(
        code_of("Dinas Kependudukan dan Pencatatan Sipil Kota Semarang").as_deref(),
        Some("KOTA-SEMARANG-DUKCAPIL")
    );
    assert_eq!(
        code_of("perhubungan kota semarang").as_deref(),
        Some("KOTA-SEMARANG-DISHUB")
    );
}

#[test]
fn an_abbreviation_finds_the_written_out_name() {
    assert_eq!(code_of("Kemenkes").as_deref(), Some("KEMENKES"));
    assert_eq!(code_of("BPJS Kesehatan").as_deref(), Some("BPJSKES"));
    assert_eq!(code_of("pln").as_deref(), Some("PLN"));
    assert_eq!(
        code_of("dishub kab semarang").as_deref(),
        Some("KAB-SEMARANG-DISHUB")
    );
}

#[test]
fn a_salutation_with_filler_words_names_its_instansi() {
    assert_eq!(
        code_of("Yth. Bapak/Ibu Kepala Dinas Perhubungan Kota Semarang di tempat").as_deref(),
        Some("KOTA-SEMARANG-DISHUB")
    );
    assert_eq!(
        code_of("Kepada Yth. Pemerintah Kota Semarang").as_deref(),
        Some("KOTA-SEMARANG")
    );
    assert_eq!(code_of("Pemkot Semarang").as_deref(), Some("KOTA-SEMARANG"));
}

#[test]
fn case_and_accents_do_not_matter() {
    assert_eq!(
        code_of("DINAS KESÉHATAN kota semarang").as_deref(),
        Some("KOTA-SEMARANG-DINKES")
    );
    assert_eq!(code_of("kota-semarang").as_deref(), Some("KOTA-SEMARANG"));
}

#[test]
fn an_alias_names_its_instansi() {
    assert_eq!(
        code_of("Dukcapil Semarang").as_deref(),
        Some("KOTA-SEMARANG-DUKCAPIL")
    );
}

#[test]
fn an_ambiguous_name_is_refused_with_every_candidate() {
    let t = tree();
    let Resolved::Ambiguous(list) = resolved("Dinas Perhubungan Semarang") else {
        panic!(
            "expected ambiguous, got {:?}",
            resolved("Dinas Perhubungan Semarang")
        );
    };
    let codes: Vec<&str> = list.iter().map(|&i| t[i].code.as_str()).collect();
    assert_eq!(codes, ["KOTA-SEMARANG-DISHUB", "KAB-SEMARANG-DISHUB"]);
    // "Semarang": the kota and the kabupaten, not every unit below them.
    let Resolved::Ambiguous(list) = resolved("Semarang") else {
        panic!("expected ambiguous");
    };
    let codes: Vec<&str> = list.iter().map(|&i| t[i].code.as_str()).collect();
    assert_eq!(codes, ["KOTA-SEMARANG", "KAB-SEMARANG"]);
}

#[test]
fn a_name_of_nothing_is_none() {
    assert_eq!(resolved("Dinas Pariwisata Kota Semarang"), Resolved::None);
    assert_eq!(resolved("Yth. Bapak/Ibu"), Resolved::None);
}

#[test]
fn the_picker_narrows_by_prefixes_of_either_form() {
    let dishub = Names::new("KOTA-SEMARANG-DISHUB", "Dishub Kota Semarang", []);
    assert!(dishub.narrows_to("perhubungan semarang"));
    assert!(dishub.narrows_to("dishub sem"));
    assert!(dishub.narrows_to("perhub"));
    assert!(!dishub.narrows_to("kesehatan"));
    let written_out = Names::new("X", "Dinas Perhubungan Kota Semarang", []);
    assert!(written_out.narrows_to("dish sema"));
}

#[test]
fn a_text_names_an_instansi_by_any_of_its_forms() {
    let dishub = Names::new("KOTA-SEMARANG-DISHUB", "Dishub Kota Semarang", []);
    let text = canonical("Mohon Dinas Perhubungan Kota Semarang menertibkan parkir liar.");
    assert_eq!(dishub.named_in(&text), Some(0));
    assert_eq!(dishub.named_in(&canonical("parkir liar di Semarang")), None);
}

#[test]
fn the_table_gives_a_name_its_other_forms() {
    let aliases = table_aliases("Dishub Kota Semarang");
    assert!(aliases.contains(&"Dinas Perhubungan Kota Semarang".to_string()));
    assert!(table_aliases("Kementerian Kesehatan").contains(&"Kemenkes".to_string()));
    assert!(
        table_aliases("Perumda Air Minum Kota Semarang")
            .contains(&"PDAM Kota Semarang".to_string())
    );
    assert!(
        table_aliases("Dinas PUPR Kab. Magelang")
            .contains(&"Dinas Pekerjaan Umum dan Penataan Ruang Kab. Magelang".to_string())
    );
}
