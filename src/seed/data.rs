//! Static tables for `meja seed`: provinces, kabupaten/kota, ministries and agencies, BUMN,
//! perguruan tinggi negeri, the OPD every regional government has, the two-level topic tree and the
//! name parts used for synthetic reporters and locations.
//!
//! Everything here is plain reference data (real place and agency names) or invented name parts;
//! no complaint text lives here (that is `seed::text`). Codes are stable and unique across
//! provinces, regencies and national bodies, so the seeder may use them as instansi codes directly;
//! unit codes are unique within their parent only (prefix them with the parent's code).

use crate::domain::types::{InstansiKind, Zone};

/// A province (provinsi).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    pub name: &'static str,
    pub code: &'static str,
    pub zone: Zone,
}

/// A kabupaten or kota, linked to its province by the province's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regency {
    pub name: &'static str,
    pub code: &'static str,
    /// `InstansiKind::Kabupaten` or `InstansiKind::Kota`.
    pub kind: InstansiKind,
    /// Code of the province in [`PROVINCES`].
    pub province: &'static str,
}

impl Regency {
    pub fn is_kota(&self) -> bool {
        self.kind == InstansiKind::Kota
    }
    /// The province this regency belongs to.
    pub fn province(&self) -> &'static Province {
        province_by_code(self.province).unwrap_or(&PROVINCES[0])
    }
    /// The regency's time zone (its province's).
    pub fn zone(&self) -> Zone {
        self.province().zone
    }
    /// "Kelurahan " in a kota, "Desa " in a kabupaten: the usual prefix of a village name there.
    pub fn village_prefix(&self) -> &'static str {
        if self.is_kota() {
            "Kelurahan "
        } else {
            "Desa "
        }
    }
}

/// Which regional governments have a given OPD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitScope {
    /// Provinces and kabupaten/kota alike.
    All,
    /// Only provinces (e.g. Dinas ESDM, Dinas Kehutanan).
    ProvinceOnly,
    /// Only kabupaten/kota (e.g. Disdukcapil).
    RegencyOnly,
}

/// A unit kerja: an OPD of a regional government or a unit of a national body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub name: &'static str,
    /// The name people use ("Dinas PUPR").
    pub short: &'static str,
    /// Unique within the parent instansi.
    pub code: &'static str,
    /// Topic keys of [`CATEGORIES`] the unit typically handles.
    pub topics: &'static [&'static str],
    /// Subtopic keys for which this unit is the first address even though another unit shares
    /// the topic (e.g. `rumah_sakit` goes to the RSUD rather than the Dinas Kesehatan).
    pub subtopics: &'static [&'static str],
    pub scope: UnitScope,
}

/// A national body: kementerian, lembaga, BUMN or perguruan tinggi negeri.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agency {
    pub name: &'static str,
    pub short: &'static str,
    /// Unique across provinces, regencies and agencies.
    pub code: &'static str,
    pub kind: InstansiKind,
    /// Topic keys of [`CATEGORIES`] the body typically handles.
    pub topics: &'static [&'static str],
    /// Subtopic keys the body is the first address for.
    pub subtopics: &'static [&'static str],
    /// Its own units (besides the generic [`MINISTRY_UNITS`] of a kementerian).
    pub units: &'static [Unit],
    /// Code of the province in [`PROVINCES`] where it sits: its time zone is that province's.
    pub seat: &'static str,
}

impl Agency {
    /// The province it sits in.
    pub fn province(&self) -> &'static Province {
        province_by_code(self.seat).unwrap_or(&PROVINCES[0])
    }
    /// Its time zone: the one of the province it sits in (Universitas Hasanuddin keeps WITA in
    /// Makassar, Universitas Cenderawasih WIT in Jayapura).
    pub fn zone(&self) -> Zone {
        self.province().zone
    }
    /// The same body sitting in another province.
    const fn seated(self, province: &'static str) -> Agency {
        Agency {
            seat: province,
            ..self
        }
    }
}

/// One leaf of the topic tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subtopic {
    /// Stable key, used by `seed::text` to pick fragments.
    pub key: &'static str,
    pub name: &'static str,
}

/// One top-level topic with its subtopics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    pub key: &'static str,
    pub name: &'static str,
    pub subtopics: &'static [Subtopic],
}

/// Gender of a name part, so that synthetic names do not mix e.g. "Siti" with "Saputra".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    Any,
}

impl Gender {
    /// True when parts of these two genders may be combined in one name.
    pub fn fits(self, other: Gender) -> bool {
        self == Gender::Any || other == Gender::Any || self == other
    }
}

/// A given name or family name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamePart {
    pub name: &'static str,
    pub gender: Gender,
}

// ---------------------------------------------------------------------------------------------
// Provinces
// ---------------------------------------------------------------------------------------------

const fn prov(name: &'static str, code: &'static str, zone: Zone) -> Province {
    Province { name, code, zone }
}

/// All 38 provinces. Sumatra, Java, West and Central Kalimantan keep WIB; Bali, Nusa Tenggara,
/// South/East/North Kalimantan and Sulawesi WITA; Maluku and the Papua provinces WIT.
pub static PROVINCES: &[Province] = &[
    prov("Provinsi Aceh", "ACEH", Zone::Wib),
    prov("Provinsi Sumatera Utara", "SUMUT", Zone::Wib),
    prov("Provinsi Sumatera Barat", "SUMBAR", Zone::Wib),
    prov("Provinsi Riau", "RIAU", Zone::Wib),
    prov("Provinsi Kepulauan Riau", "KEPRI", Zone::Wib),
    prov("Provinsi Jambi", "JAMBI", Zone::Wib),
    prov("Provinsi Sumatera Selatan", "SUMSEL", Zone::Wib),
    prov("Provinsi Kepulauan Bangka Belitung", "BABEL", Zone::Wib),
    prov("Provinsi Bengkulu", "BENGKULU", Zone::Wib),
    prov("Provinsi Lampung", "LAMPUNG", Zone::Wib),
    prov("Provinsi DKI Jakarta", "DKI", Zone::Wib),
    prov("Provinsi Jawa Barat", "JABAR", Zone::Wib),
    prov("Provinsi Banten", "BANTEN", Zone::Wib),
    prov("Provinsi Jawa Tengah", "JATENG", Zone::Wib),
    prov("Provinsi Daerah Istimewa Yogyakarta", "DIY", Zone::Wib),
    prov("Provinsi Jawa Timur", "JATIM", Zone::Wib),
    prov("Provinsi Bali", "BALI", Zone::Wita),
    prov("Provinsi Nusa Tenggara Barat", "NTB", Zone::Wita),
    prov("Provinsi Nusa Tenggara Timur", "NTT", Zone::Wita),
    prov("Provinsi Kalimantan Barat", "KALBAR", Zone::Wib),
    prov("Provinsi Kalimantan Tengah", "KALTENG", Zone::Wib),
    prov("Provinsi Kalimantan Selatan", "KALSEL", Zone::Wita),
    prov("Provinsi Kalimantan Timur", "KALTIM", Zone::Wita),
    prov("Provinsi Kalimantan Utara", "KALTARA", Zone::Wita),
    prov("Provinsi Sulawesi Utara", "SULUT", Zone::Wita),
    prov("Provinsi Gorontalo", "GORONTALO", Zone::Wita),
    prov("Provinsi Sulawesi Tengah", "SULTENG", Zone::Wita),
    prov("Provinsi Sulawesi Barat", "SULBAR", Zone::Wita),
    prov("Provinsi Sulawesi Selatan", "SULSEL", Zone::Wita),
    prov("Provinsi Sulawesi Tenggara", "SULTRA", Zone::Wita),
    prov("Provinsi Maluku", "MALUKU", Zone::Wit),
    prov("Provinsi Maluku Utara", "MALUT", Zone::Wit),
    prov("Provinsi Papua", "PAPUA", Zone::Wit),
    prov("Provinsi Papua Barat", "PABAR", Zone::Wit),
    prov("Provinsi Papua Barat Daya", "PBD", Zone::Wit),
    prov("Provinsi Papua Tengah", "PAPTENG", Zone::Wit),
    prov("Provinsi Papua Pegunungan", "PAPEG", Zone::Wit),
    prov("Provinsi Papua Selatan", "PAPSEL", Zone::Wit),
];

/// The province with this code.
pub fn province_by_code(code: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

// ---------------------------------------------------------------------------------------------
// Kabupaten / kota
// ---------------------------------------------------------------------------------------------

const fn kab(name: &'static str, code: &'static str, province: &'static str) -> Regency {
    Regency {
        name,
        code,
        kind: InstansiKind::Kabupaten,
        province,
    }
}

const fn kota(name: &'static str, code: &'static str, province: &'static str) -> Regency {
    Regency {
        name,
        code,
        kind: InstansiKind::Kota,
        province,
    }
}

/// Real kabupaten/kota, at least two per province, across all three time zones.
pub static REGENCIES: &[Regency] = &[
    // Aceh
    kota("Kota Banda Aceh", "KOTA-BANDAACEH", "ACEH"),
    kab("Kabupaten Aceh Besar", "KAB-ACEHBESAR", "ACEH"),
    kota("Kota Lhokseumawe", "KOTA-LHOKSEUMAWE", "ACEH"),
    // Sumatera Utara
    kota("Kota Medan", "KOTA-MEDAN", "SUMUT"),
    kab("Kabupaten Deli Serdang", "KAB-DELISERDANG", "SUMUT"),
    kota("Kota Pematangsiantar", "KOTA-PEMATANGSIANTAR", "SUMUT"),
    kab("Kabupaten Toba", "KAB-TOBA", "SUMUT"),
    // Sumatera Barat
    kota("Kota Padang", "KOTA-PADANG", "SUMBAR"),
    kota("Kota Bukittinggi", "KOTA-BUKITTINGGI", "SUMBAR"),
    kab("Kabupaten Agam", "KAB-AGAM", "SUMBAR"),
    kab("Kabupaten Tanah Datar", "KAB-TANAHDATAR", "SUMBAR"),
    // Riau
    kota("Kota Pekanbaru", "KOTA-PEKANBARU", "RIAU"),
    kab("Kabupaten Kampar", "KAB-KAMPAR", "RIAU"),
    kota("Kota Dumai", "KOTA-DUMAI", "RIAU"),
    // Kepulauan Riau
    kota("Kota Batam", "KOTA-BATAM", "KEPRI"),
    kota("Kota Tanjungpinang", "KOTA-TANJUNGPINANG", "KEPRI"),
    kab("Kabupaten Bintan", "KAB-BINTAN", "KEPRI"),
    // Jambi
    kota("Kota Jambi", "KOTA-JAMBI", "JAMBI"),
    kab("Kabupaten Muaro Jambi", "KAB-MUAROJAMBI", "JAMBI"),
    kab("Kabupaten Kerinci", "KAB-KERINCI", "JAMBI"),
    // Sumatera Selatan
    kota("Kota Palembang", "KOTA-PALEMBANG", "SUMSEL"),
    kab("Kabupaten Ogan Komering Ilir", "KAB-OKI", "SUMSEL"),
    kab("Kabupaten Banyuasin", "KAB-BANYUASIN", "SUMSEL"),
    // Kepulauan Bangka Belitung
    kota("Kota Pangkalpinang", "KOTA-PANGKALPINANG", "BABEL"),
    kab("Kabupaten Belitung", "KAB-BELITUNG", "BABEL"),
    // Bengkulu
    kota("Kota Bengkulu", "KOTA-BENGKULU", "BENGKULU"),
    kab("Kabupaten Rejang Lebong", "KAB-REJANGLEBONG", "BENGKULU"),
    // Lampung
    kota("Kota Bandar Lampung", "KOTA-BANDARLAMPUNG", "LAMPUNG"),
    kota("Kota Metro", "KOTA-METRO", "LAMPUNG"),
    kab("Kabupaten Lampung Selatan", "KAB-LAMPUNGSELATAN", "LAMPUNG"),
    kab("Kabupaten Pringsewu", "KAB-PRINGSEWU", "LAMPUNG"),
    // DKI Jakarta
    kota("Kota Administrasi Jakarta Selatan", "KOTA-JAKSEL", "DKI"),
    kota("Kota Administrasi Jakarta Timur", "KOTA-JAKTIM", "DKI"),
    kota("Kota Administrasi Jakarta Pusat", "KOTA-JAKPUS", "DKI"),
    kota("Kota Administrasi Jakarta Utara", "KOTA-JAKUT", "DKI"),
    kota("Kota Administrasi Jakarta Barat", "KOTA-JAKBAR", "DKI"),
    // Jawa Barat
    kota("Kota Bandung", "KOTA-BANDUNG", "JABAR"),
    kab("Kabupaten Bandung", "KAB-BANDUNG", "JABAR"),
    kota("Kota Bekasi", "KOTA-BEKASI", "JABAR"),
    kab("Kabupaten Bogor", "KAB-BOGOR", "JABAR"),
    kota("Kota Depok", "KOTA-DEPOK", "JABAR"),
    kab("Kabupaten Garut", "KAB-GARUT", "JABAR"),
    kota("Kota Cirebon", "KOTA-CIREBON", "JABAR"),
    kab("Kabupaten Tasikmalaya", "KAB-TASIKMALAYA", "JABAR"),
    kab("Kabupaten Karawang", "KAB-KARAWANG", "JABAR"),
    // Banten
    kota("Kota Tangerang", "KOTA-TANGERANG", "BANTEN"),
    kota("Kota Tangerang Selatan", "KOTA-TANGSEL", "BANTEN"),
    kota("Kota Serang", "KOTA-SERANG", "BANTEN"),
    kab("Kabupaten Pandeglang", "KAB-PANDEGLANG", "BANTEN"),
    // Jawa Tengah
    kota("Kota Semarang", "KOTA-SEMARANG", "JATENG"),
    kab("Kabupaten Magelang", "KAB-MAGELANG", "JATENG"),
    kota("Kota Magelang", "KOTA-MAGELANG", "JATENG"),
    kota("Kota Surakarta", "KOTA-SURAKARTA", "JATENG"),
    kab("Kabupaten Banyumas", "KAB-BANYUMAS", "JATENG"),
    kab("Kabupaten Kudus", "KAB-KUDUS", "JATENG"),
    kab("Kabupaten Klaten", "KAB-KLATEN", "JATENG"),
    kab("Kabupaten Cilacap", "KAB-CILACAP", "JATENG"),
    // DI Yogyakarta
    kota("Kota Yogyakarta", "KOTA-YOGYAKARTA", "DIY"),
    kab("Kabupaten Sleman", "KAB-SLEMAN", "DIY"),
    kab("Kabupaten Bantul", "KAB-BANTUL", "DIY"),
    kab("Kabupaten Gunungkidul", "KAB-GUNUNGKIDUL", "DIY"),
    // Jawa Timur
    kota("Kota Surabaya", "KOTA-SURABAYA", "JATIM"),
    kota("Kota Malang", "KOTA-MALANG", "JATIM"),
    kab("Kabupaten Malang", "KAB-MALANG", "JATIM"),
    kab("Kabupaten Sidoarjo", "KAB-SIDOARJO", "JATIM"),
    kab("Kabupaten Banyuwangi", "KAB-BANYUWANGI", "JATIM"),
    kab("Kabupaten Jember", "KAB-JEMBER", "JATIM"),
    kota("Kota Kediri", "KOTA-KEDIRI", "JATIM"),
    kab("Kabupaten Bojonegoro", "KAB-BOJONEGORO", "JATIM"),
    // Bali
    kota("Kota Denpasar", "KOTA-DENPASAR", "BALI"),
    kab("Kabupaten Badung", "KAB-BADUNG", "BALI"),
    kab("Kabupaten Gianyar", "KAB-GIANYAR", "BALI"),
    kab("Kabupaten Buleleng", "KAB-BULELENG", "BALI"),
    // Nusa Tenggara Barat
    kota("Kota Mataram", "KOTA-MATARAM", "NTB"),
    kab("Kabupaten Lombok Timur", "KAB-LOMBOKTIMUR", "NTB"),
    kab("Kabupaten Sumbawa", "KAB-SUMBAWA", "NTB"),
    // Nusa Tenggara Timur
    kota("Kota Kupang", "KOTA-KUPANG", "NTT"),
    kab("Kabupaten Manggarai Barat", "KAB-MANGGARAIBARAT", "NTT"),
    kab("Kabupaten Sikka", "KAB-SIKKA", "NTT"),
    kab("Kabupaten Sumba Timur", "KAB-SUMBATIMUR", "NTT"),
    // Kalimantan Barat
    kota("Kota Pontianak", "KOTA-PONTIANAK", "KALBAR"),
    kab("Kabupaten Kubu Raya", "KAB-KUBURAYA", "KALBAR"),
    kota("Kota Singkawang", "KOTA-SINGKAWANG", "KALBAR"),
    // Kalimantan Tengah
    kota("Kota Palangka Raya", "KOTA-PALANGKARAYA", "KALTENG"),
    kab("Kabupaten Kotawaringin Timur", "KAB-KOTIM", "KALTENG"),
    kab("Kabupaten Kapuas", "KAB-KAPUAS", "KALTENG"),
    // Kalimantan Selatan
    kota("Kota Banjarmasin", "KOTA-BANJARMASIN", "KALSEL"),
    kota("Kota Banjarbaru", "KOTA-BANJARBARU", "KALSEL"),
    kab("Kabupaten Banjar", "KAB-BANJAR", "KALSEL"),
    // Kalimantan Timur
    kota("Kota Samarinda", "KOTA-SAMARINDA", "KALTIM"),
    kota("Kota Balikpapan", "KOTA-BALIKPAPAN", "KALTIM"),
    kab("Kabupaten Kutai Kartanegara", "KAB-KUKAR", "KALTIM"),
    // Kalimantan Utara
    kota("Kota Tarakan", "KOTA-TARAKAN", "KALTARA"),
    kab("Kabupaten Bulungan", "KAB-BULUNGAN", "KALTARA"),
    kab("Kabupaten Nunukan", "KAB-NUNUKAN", "KALTARA"),
    // Sulawesi Utara
    kota("Kota Manado", "KOTA-MANADO", "SULUT"),
    kota("Kota Bitung", "KOTA-BITUNG", "SULUT"),
    kab("Kabupaten Minahasa", "KAB-MINAHASA", "SULUT"),
    // Gorontalo
    kota("Kota Gorontalo", "KOTA-GORONTALO", "GORONTALO"),
    kab("Kabupaten Gorontalo", "KAB-GORONTALO", "GORONTALO"),
    kab("Kabupaten Bone Bolango", "KAB-BONEBOLANGO", "GORONTALO"),
    // Sulawesi Tengah
    kota("Kota Palu", "KOTA-PALU", "SULTENG"),
    kab("Kabupaten Sigi", "KAB-SIGI", "SULTENG"),
    kab("Kabupaten Banggai", "KAB-BANGGAI", "SULTENG"),
    // Sulawesi Barat
    kab("Kabupaten Mamuju", "KAB-MAMUJU", "SULBAR"),
    kab("Kabupaten Majene", "KAB-MAJENE", "SULBAR"),
    kab("Kabupaten Polewali Mandar", "KAB-POLMAN", "SULBAR"),
    // Sulawesi Selatan
    kota("Kota Makassar", "KOTA-MAKASSAR", "SULSEL"),
    kab("Kabupaten Gowa", "KAB-GOWA", "SULSEL"),
    kab("Kabupaten Bone", "KAB-BONE", "SULSEL"),
    kota("Kota Parepare", "KOTA-PAREPARE", "SULSEL"),
    kab("Kabupaten Maros", "KAB-MAROS", "SULSEL"),
    // Sulawesi Tenggara
    kota("Kota Kendari", "KOTA-KENDARI", "SULTRA"),
    kota("Kota Baubau", "KOTA-BAUBAU", "SULTRA"),
    kab("Kabupaten Konawe", "KAB-KONAWE", "SULTRA"),
    // Maluku
    kota("Kota Ambon", "KOTA-AMBON", "MALUKU"),
    kab("Kabupaten Maluku Tengah", "KAB-MALTENG", "MALUKU"),
    kota("Kota Tual", "KOTA-TUAL", "MALUKU"),
    // Maluku Utara
    kota("Kota Ternate", "KOTA-TERNATE", "MALUT"),
    kota("Kota Tidore Kepulauan", "KOTA-TIDORE", "MALUT"),
    kab("Kabupaten Halmahera Utara", "KAB-HALUT", "MALUT"),
    // Papua
    kota("Kota Jayapura", "KOTA-JAYAPURA", "PAPUA"),
    kab("Kabupaten Jayapura", "KAB-JAYAPURA", "PAPUA"),
    kab("Kabupaten Biak Numfor", "KAB-BIAKNUMFOR", "PAPUA"),
    // Papua Barat
    kab("Kabupaten Manokwari", "KAB-MANOKWARI", "PABAR"),
    kab("Kabupaten Fakfak", "KAB-FAKFAK", "PABAR"),
    kab("Kabupaten Teluk Bintuni", "KAB-TELUKBINTUNI", "PABAR"),
    // Papua Barat Daya
    kota("Kota Sorong", "KOTA-SORONG", "PBD"),
    kab("Kabupaten Raja Ampat", "KAB-RAJAAMPAT", "PBD"),
    kab("Kabupaten Sorong", "KAB-SORONG", "PBD"),
    // Papua Tengah
    kab("Kabupaten Nabire", "KAB-NABIRE", "PAPTENG"),
    kab("Kabupaten Mimika", "KAB-MIMIKA", "PAPTENG"),
    kab("Kabupaten Paniai", "KAB-PANIAI", "PAPTENG"),
    // Papua Pegunungan
    kab("Kabupaten Jayawijaya", "KAB-JAYAWIJAYA", "PAPEG"),
    kab("Kabupaten Yahukimo", "KAB-YAHUKIMO", "PAPEG"),
    kab("Kabupaten Tolikara", "KAB-TOLIKARA", "PAPEG"),
    // Papua Selatan
    kab("Kabupaten Merauke", "KAB-MERAUKE", "PAPSEL"),
    kab("Kabupaten Boven Digoel", "KAB-BOVENDIGOEL", "PAPSEL"),
    kab("Kabupaten Mappi", "KAB-MAPPI", "PAPSEL"),
];

/// The regencies of one province, in table order.
pub fn regencies_of(province_code: &str) -> impl Iterator<Item = &'static Regency> + '_ {
    REGENCIES
        .iter()
        .filter(move |r| r.province == province_code)
}

// ---------------------------------------------------------------------------------------------
// Regional OPD
// ---------------------------------------------------------------------------------------------

const fn unit(
    name: &'static str,
    short: &'static str,
    code: &'static str,
    topics: &'static [&'static str],
    subtopics: &'static [&'static str],
) -> Unit {
    Unit {
        name,
        short,
        code,
        topics,
        subtopics,
        scope: UnitScope::All,
    }
}

const fn scoped(u: Unit, scope: UnitScope) -> Unit {
    Unit { scope, ..u }
}

/// Code of the regional unit that receives whistle-blowing and procurement reports.
pub const INSPECTORATE_CODE: &str = "INSPEKTORAT";

/// The OPD a regional government has (filter by [`Unit::scope`] for province vs kabupaten/kota).
pub static REGIONAL_UNITS: &[Unit] = &[
    unit(
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR",
        "PUPR",
        &["infrastruktur", "bencana"],
        &["jalan", "jembatan", "drainase"],
    ),
    unit(
        "Dinas Perumahan dan Kawasan Permukiman",
        "Disperkim",
        "PERKIM",
        &["perumahan", "infrastruktur"],
        &["rtlh", "psu", "sanitasi", "pju"],
    ),
    unit(
        "Dinas Kesehatan",
        "Dinkes",
        "DINKES",
        &["kesehatan"],
        &["puskesmas", "penyakit", "gizi", "bpjs_kesehatan"],
    ),
    unit(
        "Rumah Sakit Umum Daerah",
        "RSUD",
        "RSUD",
        &["kesehatan"],
        &["rumah_sakit"],
    ),
    unit(
        "Dinas Pendidikan",
        "Disdik",
        "DISDIK",
        &["pendidikan"],
        &[
            "ppdb",
            "pungutan_sekolah",
            "sarana_sekolah",
            "guru",
            "bantuan_pendidikan",
        ],
    ),
    scoped(
        unit(
            "Dinas Kependudukan dan Pencatatan Sipil",
            "Disdukcapil",
            "DUKCAPIL",
            &["kependudukan"],
            &["ktp_el", "kartu_keluarga", "akta", "pindah_datang"],
        ),
        UnitScope::RegencyOnly,
    ),
    unit(
        "Dinas Perhubungan",
        "Dishub",
        "DISHUB",
        &["perhubungan"],
        &["angkutan_umum", "parkir", "lalu_lintas", "kir"],
    ),
    unit(
        "Dinas Sosial",
        "Dinsos",
        "DINSOS",
        &["sosial"],
        &["bansos", "dtks", "pkh", "disabilitas", "terlantar"],
    ),
    unit(
        "Dinas Lingkungan Hidup",
        "DLH",
        "DLH",
        &["lingkungan"],
        &["sampah", "pencemaran_sungai", "limbah_industri", "pohon"],
    ),
    unit(
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        "DISKOMINFO",
        &["teknologi"],
        &["sinyal", "aplikasi_layanan", "penipuan_daring"],
    ),
    unit(
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        "SATPOLPP",
        &["trantibum"],
        &[
            "pkl",
            "kebisingan",
            "bangunan_liar",
            "reklame",
            "premanisme",
        ],
    ),
    unit(
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        "BPBD",
        &["bencana"],
        &["banjir", "longsor", "bantuan_bencana"],
    ),
    unit(
        "Dinas Tenaga Kerja",
        "Disnaker",
        "DISNAKER",
        &["ketenagakerjaan"],
        &["upah", "phk", "pelatihan_kerja", "pmi"],
    ),
    unit(
        "Dinas Koperasi dan Usaha Kecil Menengah",
        "Dinas KUKM",
        "DISKUKM",
        &["ekonomi"],
        &["umkm", "kur"],
    ),
    unit(
        "Dinas Perdagangan",
        "Disdag",
        "DISDAG",
        &["ekonomi", "energi"],
        &["pasar", "lpg"],
    ),
    unit(
        "Badan Pendapatan Daerah",
        "Bapenda",
        "BAPENDA",
        &["ekonomi"],
        &["pbb"],
    ),
    unit(
        "Perusahaan Umum Daerah Air Minum",
        "Perumda Air Minum",
        "PDAM",
        &["infrastruktur"],
        &["air_bersih"],
    ),
    scoped(
        unit(
            "Dinas Energi dan Sumber Daya Mineral",
            "Dinas ESDM",
            "ESDM",
            &["energi"],
            &["tambang"],
        ),
        UnitScope::ProvinceOnly,
    ),
    scoped(
        unit(
            "Dinas Kehutanan",
            "Dishut",
            "DISHUT",
            &["lingkungan"],
            &["karhutla"],
        ),
        UnitScope::ProvinceOnly,
    ),
    unit(
        "Inspektorat Daerah",
        "Inspektorat",
        INSPECTORATE_CODE,
        &[],
        &[],
    ),
];

/// Units every kementerian has besides its own [`Agency::units`].
pub static MINISTRY_UNITS: &[Unit] = &[
    unit("Sekretariat Jenderal", "Setjen", "SETJEN", &[], &[]),
    unit("Inspektorat Jenderal", "Itjen", "ITJEN", &[], &[]),
];

// ---------------------------------------------------------------------------------------------
// National bodies
// ---------------------------------------------------------------------------------------------

const fn agency(
    name: &'static str,
    short: &'static str,
    code: &'static str,
    kind: InstansiKind,
    topics: &'static [&'static str],
    subtopics: &'static [&'static str],
    units: &'static [Unit],
) -> Agency {
    Agency {
        name,
        short,
        code,
        kind,
        topics,
        subtopics,
        units,
        // Kementerian, lembaga and BUMN have their seat in Jakarta; universities say where they are.
        seat: "DKI",
    }
}

use InstansiKind::{Bumn, Kementerian, Lembaga, Ptn};

/// Kementerian and lembaga that receive LAPOR! dispositions.
pub static MINISTRIES: &[Agency] = &[
    agency(
        "Kementerian Kesehatan",
        "Kemenkes",
        "KEMENKES",
        Kementerian,
        &["kesehatan"],
        &["penyakit"],
        &[
            unit(
                "Direktorat Jenderal Kesehatan Primer dan Komunitas",
                "Ditjen Kesprimkom",
                "DITJEN-KESPRIMKOM",
                &["kesehatan"],
                &["puskesmas", "gizi", "penyakit"],
            ),
            unit(
                "Direktorat Jenderal Kesehatan Lanjutan",
                "Ditjen Kesehatan Lanjutan",
                "DITJEN-KESLAN",
                &["kesehatan"],
                &["rumah_sakit"],
            ),
        ],
    ),
    agency(
        "Kementerian Pendidikan Dasar dan Menengah",
        "Kemendikdasmen",
        "KEMENDIKDASMEN",
        Kementerian,
        &["pendidikan"],
        &[],
        &[
            unit(
                "Direktorat Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, dan Pendidikan Menengah",
                "Ditjen PAUD Dasmen",
                "DITJEN-PAUDDASMEN",
                &["pendidikan"],
                &["ppdb", "sarana_sekolah", "bantuan_pendidikan"],
            ),
            unit(
                "Direktorat Jenderal Guru, Tenaga Kependidikan, dan Pendidikan Guru",
                "Ditjen GTK",
                "DITJEN-GTK",
                &["pendidikan"],
                &["guru"],
            ),
        ],
    ),
    agency(
        "Kementerian Dalam Negeri",
        "Kemendagri",
        "KEMENDAGRI",
        Kementerian,
        &["kependudukan"],
        &[],
        &[unit(
            "Direktorat Jenderal Kependudukan dan Pencatatan Sipil",
            "Ditjen Dukcapil",
            "DITJEN-DUKCAPIL",
            &["kependudukan"],
            &["ktp_el", "kartu_keluarga", "akta", "pindah_datang"],
        )],
    ),
    agency(
        "Kementerian Sosial",
        "Kemensos",
        "KEMENSOS",
        Kementerian,
        &["sosial"],
        &["dtks", "pkh"],
        &[
            unit(
                "Direktorat Jenderal Perlindungan dan Jaminan Sosial",
                "Ditjen Linjamsos",
                "DITJEN-LINJAMSOS",
                &["sosial"],
                &["bansos", "pkh", "dtks"],
            ),
            unit(
                "Direktorat Jenderal Rehabilitasi Sosial",
                "Ditjen Rehsos",
                "DITJEN-REHSOS",
                &["sosial"],
                &["disabilitas", "terlantar"],
            ),
        ],
    ),
    agency(
        "Kementerian Pekerjaan Umum",
        "Kementerian PU",
        "KEMENPU",
        Kementerian,
        &["infrastruktur", "bencana"],
        &[],
        &[
            unit(
                "Direktorat Jenderal Bina Marga",
                "Ditjen Bina Marga",
                "DITJEN-BINAMARGA",
                &["infrastruktur"],
                &["jalan", "jembatan"],
            ),
            unit(
                "Direktorat Jenderal Sumber Daya Air",
                "Ditjen SDA",
                "DITJEN-SDA",
                &["infrastruktur", "bencana"],
                &["drainase", "banjir"],
            ),
            unit(
                "Direktorat Jenderal Cipta Karya",
                "Ditjen Cipta Karya",
                "DITJEN-CIPTAKARYA",
                &["infrastruktur", "perumahan"],
                &["air_bersih", "sanitasi"],
            ),
        ],
    ),
    agency(
        "Kementerian Perumahan dan Kawasan Permukiman",
        "Kementerian PKP",
        "KEMENPKP",
        Kementerian,
        &["perumahan"],
        &["rtlh"],
        &[],
    ),
    agency(
        "Kementerian Perhubungan",
        "Kemenhub",
        "KEMENHUB",
        Kementerian,
        &["perhubungan"],
        &[],
        &[
            unit(
                "Direktorat Jenderal Perhubungan Darat",
                "Ditjen Hubdat",
                "DITJEN-HUBDAT",
                &["perhubungan"],
                &["angkutan_umum", "kir", "lalu_lintas"],
            ),
            unit(
                "Direktorat Jenderal Perkeretaapian",
                "Ditjen Perkeretaapian",
                "DITJEN-KA",
                &["perhubungan"],
                &["kereta"],
            ),
        ],
    ),
    agency(
        "Kementerian Lingkungan Hidup",
        "KLH",
        "KLH",
        Kementerian,
        &["lingkungan"],
        &["limbah_industri", "pencemaran_sungai"],
        &[],
    ),
    agency(
        "Kementerian Kehutanan",
        "Kemenhut",
        "KEMENHUT",
        Kementerian,
        &["lingkungan"],
        &["karhutla"],
        &[],
    ),
    agency(
        "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
        "ATR/BPN",
        "ATRBPN",
        Kementerian,
        &["pertanahan"],
        &[],
        &[
            unit(
                "Direktorat Jenderal Penetapan Hak dan Pendaftaran Tanah",
                "Ditjen PHPT",
                "DITJEN-PHPT",
                &["pertanahan"],
                &["sertifikat", "pengukuran"],
            ),
            unit(
                "Direktorat Jenderal Penanganan Sengketa dan Konflik Pertanahan",
                "Ditjen PSKP",
                "DITJEN-PSKP",
                &["pertanahan"],
                &["sengketa_tanah", "ganti_rugi"],
            ),
        ],
    ),
    agency(
        "Kementerian Ketenagakerjaan",
        "Kemnaker",
        "KEMNAKER",
        Kementerian,
        &["ketenagakerjaan"],
        &[],
        &[
            unit(
                "Direktorat Jenderal Pembinaan Hubungan Industrial dan Jaminan Sosial Tenaga Kerja",
                "Ditjen PHI dan Jamsos",
                "DITJEN-PHIJSK",
                &["ketenagakerjaan"],
                &["upah", "phk"],
            ),
            unit(
                "Direktorat Jenderal Pembinaan Pelatihan Vokasi dan Produktivitas",
                "Ditjen Binalavotas",
                "DITJEN-BINALAVOTAS",
                &["ketenagakerjaan"],
                &["pelatihan_kerja"],
            ),
        ],
    ),
    agency(
        "Kementerian Pelindungan Pekerja Migran Indonesia",
        "KP2MI",
        "KP2MI",
        Kementerian,
        &["ketenagakerjaan"],
        &["pmi"],
        &[],
    ),
    agency(
        "Kementerian Komunikasi dan Digital",
        "Komdigi",
        "KOMDIGI",
        Kementerian,
        &["teknologi"],
        &["sinyal", "penipuan_daring"],
        &[],
    ),
    agency(
        "Kementerian Energi dan Sumber Daya Mineral",
        "Kementerian ESDM",
        "KESDM",
        Kementerian,
        &["energi"],
        &["tambang"],
        &[
            unit(
                "Direktorat Jenderal Ketenagalistrikan",
                "Ditjen Gatrik",
                "DITJEN-GATRIK",
                &["energi"],
                &["listrik"],
            ),
            unit(
                "Direktorat Jenderal Minyak dan Gas Bumi",
                "Ditjen Migas",
                "DITJEN-MIGAS",
                &["energi"],
                &["lpg", "bbm"],
            ),
        ],
    ),
    agency(
        "Kementerian Keuangan",
        "Kemenkeu",
        "KEMENKEU",
        Kementerian,
        &["ekonomi"],
        &[],
        &[unit(
            "Direktorat Jenderal Pajak",
            "DJP",
            "DJP",
            &["ekonomi"],
            &["pbb"],
        )],
    ),
    agency(
        "Kementerian Agama",
        "Kemenag",
        "KEMENAG",
        Kementerian,
        &["agama"],
        &["nikah", "madrasah", "rumah_ibadah"],
        &[],
    ),
    agency(
        "Badan Penyelenggara Jaminan Sosial Kesehatan",
        "BPJS Kesehatan",
        "BPJSKES",
        Lembaga,
        &["kesehatan"],
        &["bpjs_kesehatan"],
        &[],
    ),
    agency(
        "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan",
        "BPJS Ketenagakerjaan",
        "BPJSTK",
        Lembaga,
        &["ketenagakerjaan"],
        &["bpjs_tk"],
        &[],
    ),
    agency(
        "Otoritas Jasa Keuangan",
        "OJK",
        "OJK",
        Lembaga,
        &["ekonomi"],
        &["pinjol"],
        &[],
    ),
    agency(
        "Badan Nasional Penanggulangan Bencana",
        "BNPB",
        "BNPB",
        Lembaga,
        &["bencana"],
        &["bantuan_bencana"],
        &[],
    ),
];

/// Badan usaha milik negara that take part in SP4N-LAPOR!.
pub static STATE_COMPANIES: &[Agency] = &[
    agency(
        "PT PLN (Persero)",
        "PLN",
        "PLN",
        Bumn,
        &["energi"],
        &["listrik"],
        &[],
    ),
    agency(
        "PT Pertamina (Persero)",
        "Pertamina",
        "PERTAMINA",
        Bumn,
        &["energi"],
        &["lpg", "bbm"],
        &[],
    ),
    agency(
        "PT Kereta Api Indonesia (Persero)",
        "KAI",
        "KAI",
        Bumn,
        &["perhubungan"],
        &["kereta"],
        &[],
    ),
    agency(
        "PT Telkom Indonesia (Persero) Tbk",
        "Telkom",
        "TELKOM",
        Bumn,
        &["teknologi"],
        &["sinyal"],
        &[],
    ),
    agency(
        "PT Pos Indonesia (Persero)",
        "Pos Indonesia",
        "POSIND",
        Bumn,
        &["sosial"],
        &["bansos"],
        &[],
    ),
    agency(
        "PT Bank Rakyat Indonesia (Persero) Tbk",
        "BRI",
        "BRI",
        Bumn,
        &["ekonomi"],
        &["kur"],
        &[],
    ),
    agency(
        "PT Jasa Marga (Persero) Tbk",
        "Jasa Marga",
        "JASAMARGA",
        Bumn,
        &["infrastruktur"],
        &["jalan"],
        &[],
    ),
    agency("Perum Bulog", "Bulog", "BULOG", Bumn, &["sosial"], &[], &[]),
];

/// A few perguruan tinggi negeri, each in its province (Depok is in Jawa Barat).
pub static UNIVERSITIES: &[Agency] = &[
    agency(
        "Universitas Indonesia",
        "UI",
        "UI",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("JABAR"),
    agency(
        "Universitas Gadjah Mada",
        "UGM",
        "UGM",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("DIY"),
    agency(
        "Institut Teknologi Bandung",
        "ITB",
        "ITB",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("JABAR"),
    agency(
        "Universitas Airlangga",
        "Unair",
        "UNAIR",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("JATIM"),
    agency(
        "Universitas Hasanuddin",
        "Unhas",
        "UNHAS",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("SULSEL"),
    agency(
        "Universitas Sumatera Utara",
        "USU",
        "USU",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("SUMUT"),
    agency(
        "Universitas Udayana",
        "Unud",
        "UNUD",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("BALI"),
    agency(
        "Universitas Cenderawasih",
        "Uncen",
        "UNCEN",
        Ptn,
        &["pendidikan"],
        &["ukt"],
        &[],
    )
    .seated("PAPUA"),
];

// ---------------------------------------------------------------------------------------------
// Topic tree
// ---------------------------------------------------------------------------------------------

const fn sub(key: &'static str, name: &'static str) -> Subtopic {
    Subtopic { key, name }
}

/// The two-level topic tree (kategori). Every subtopic key has its own fragments in `seed::text`.
pub static CATEGORIES: &[Topic] = &[
    Topic {
        key: "infrastruktur",
        name: "Infrastruktur",
        subtopics: &[
            sub("jalan", "Jalan"),
            sub("jembatan", "Jembatan"),
            sub("drainase", "Drainase dan Saluran Air"),
            sub("air_bersih", "Air Bersih"),
            sub("pju", "Penerangan Jalan Umum"),
        ],
    },
    Topic {
        key: "kesehatan",
        name: "Kesehatan",
        subtopics: &[
            sub("bpjs_kesehatan", "Jaminan Kesehatan Nasional"),
            sub("puskesmas", "Pelayanan Puskesmas"),
            sub("rumah_sakit", "Pelayanan Rumah Sakit"),
            sub("penyakit", "Pengendalian Penyakit Menular"),
            sub("gizi", "Gizi, Posyandu dan Stunting"),
        ],
    },
    Topic {
        key: "pendidikan",
        name: "Pendidikan",
        subtopics: &[
            sub("ppdb", "Penerimaan Murid Baru"),
            sub("pungutan_sekolah", "Pungutan Sekolah"),
            sub("bantuan_pendidikan", "Bantuan Pendidikan (PIP/KIP)"),
            sub("sarana_sekolah", "Sarana dan Prasarana Sekolah"),
            sub("guru", "Guru dan Tenaga Kependidikan"),
            sub("ukt", "Uang Kuliah Tunggal dan Layanan Kampus"),
        ],
    },
    Topic {
        key: "kependudukan",
        name: "Kependudukan",
        subtopics: &[
            sub("ktp_el", "KTP Elektronik"),
            sub("kartu_keluarga", "Kartu Keluarga"),
            sub("akta", "Akta Kelahiran dan Kematian"),
            sub("pindah_datang", "Pindah Datang Penduduk"),
        ],
    },
    Topic {
        key: "perhubungan",
        name: "Perhubungan",
        subtopics: &[
            sub("angkutan_umum", "Angkutan Umum"),
            sub("parkir", "Parkir"),
            sub("lalu_lintas", "Rambu dan Lalu Lintas"),
            sub("kereta", "Layanan Kereta Api"),
            sub("kir", "Pengujian Kendaraan Bermotor"),
        ],
    },
    Topic {
        key: "sosial",
        name: "Sosial",
        subtopics: &[
            sub("bansos", "Bantuan Sosial"),
            sub("dtks", "Data Penerima Bantuan Sosial"),
            sub("pkh", "Program Keluarga Harapan"),
            sub("disabilitas", "Layanan Penyandang Disabilitas"),
            sub("terlantar", "Penanganan Warga Terlantar"),
        ],
    },
    Topic {
        key: "lingkungan",
        name: "Lingkungan Hidup dan Kehutanan",
        subtopics: &[
            sub("sampah", "Pengelolaan Sampah"),
            sub("pencemaran_sungai", "Pencemaran Sungai"),
            sub("limbah_industri", "Limbah dan Bau Industri"),
            sub("karhutla", "Kebakaran Hutan dan Lahan"),
            sub("pohon", "Pohon dan Ruang Terbuka Hijau"),
        ],
    },
    Topic {
        key: "trantibum",
        name: "Ketentraman dan Ketertiban Umum",
        subtopics: &[
            sub("pkl", "Pedagang Kaki Lima"),
            sub("kebisingan", "Kebisingan dan Gangguan Ketertiban"),
            sub("bangunan_liar", "Bangunan Tanpa Izin"),
            sub("reklame", "Reklame dan Spanduk Liar"),
            sub("premanisme", "Premanisme dan Pungutan Jalanan"),
        ],
    },
    Topic {
        key: "energi",
        name: "Energi dan Sumber Daya Alam",
        subtopics: &[
            sub("listrik", "Listrik"),
            sub("lpg", "Distribusi LPG"),
            sub("bbm", "BBM dan SPBU"),
            sub("tambang", "Pertambangan Tanpa Izin"),
        ],
    },
    Topic {
        key: "ekonomi",
        name: "Ekonomi dan Keuangan",
        subtopics: &[
            sub("pbb", "Pajak Bumi dan Bangunan"),
            sub("umkm", "Perizinan Usaha dan UMKM"),
            sub("pasar", "Pasar Tradisional"),
            sub("pinjol", "Pinjaman Online"),
            sub("kur", "Kredit Usaha Rakyat"),
        ],
    },
    Topic {
        key: "pertanahan",
        name: "Pertanahan",
        subtopics: &[
            sub("sertifikat", "Sertifikat Tanah"),
            sub("sengketa_tanah", "Sengketa Tanah"),
            sub("pengukuran", "Pengukuran dan Batas Tanah"),
            sub("ganti_rugi", "Ganti Rugi Pengadaan Tanah"),
        ],
    },
    Topic {
        key: "ketenagakerjaan",
        name: "Ketenagakerjaan",
        subtopics: &[
            sub("upah", "Upah dan THR"),
            sub("phk", "Pemutusan Hubungan Kerja"),
            sub("bpjs_tk", "Jaminan Sosial Ketenagakerjaan"),
            sub("pmi", "Pekerja Migran Indonesia"),
            sub("pelatihan_kerja", "Pelatihan Kerja"),
        ],
    },
    Topic {
        key: "teknologi",
        name: "Teknologi Informasi dan Komunikasi",
        subtopics: &[
            sub("sinyal", "Sinyal dan Jaringan Internet"),
            sub("aplikasi_layanan", "Aplikasi Layanan Publik"),
            sub("penipuan_daring", "Penipuan Daring"),
        ],
    },
    Topic {
        key: "perumahan",
        name: "Perumahan dan Permukiman",
        subtopics: &[
            sub("rtlh", "Rumah Tidak Layak Huni"),
            sub("psu", "Prasarana Perumahan"),
            sub("sanitasi", "Sanitasi dan Air Limbah"),
        ],
    },
    Topic {
        key: "bencana",
        name: "Penanggulangan Bencana",
        subtopics: &[
            sub("banjir", "Banjir"),
            sub("longsor", "Tanah Longsor"),
            sub("bantuan_bencana", "Bantuan Korban Bencana"),
        ],
    },
    Topic {
        key: "agama",
        name: "Agama",
        subtopics: &[
            sub("nikah", "Layanan Nikah dan KUA"),
            sub("madrasah", "Madrasah dan Pesantren"),
            sub("rumah_ibadah", "Rumah Ibadah"),
        ],
    },
];

/// The topic and subtopic with this subtopic key.
pub fn subtopic(key: &str) -> Option<(&'static Topic, &'static Subtopic)> {
    CATEGORIES
        .iter()
        .find_map(|t| t.subtopics.iter().find(|s| s.key == key).map(|s| (t, s)))
}

/// All subtopics with their topic, in tree order.
pub fn all_subtopics() -> impl Iterator<Item = (&'static Topic, &'static Subtopic)> {
    CATEGORIES
        .iter()
        .flat_map(|t| t.subtopics.iter().map(move |s| (t, s)))
}

/// The regional units that handle a subtopic: the units naming it first, then those whose topics
/// include its parent.
pub fn regional_units_for(subtopic_key: &str) -> Vec<&'static Unit> {
    let mut out: Vec<&'static Unit> = REGIONAL_UNITS
        .iter()
        .filter(|u| u.subtopics.contains(&subtopic_key))
        .collect();
    if let Some((topic, _)) = subtopic(subtopic_key) {
        for u in REGIONAL_UNITS {
            if u.topics.contains(&topic.key) && !out.iter().any(|o| o.code == u.code) {
                out.push(u);
            }
        }
    }
    out
}

/// The national bodies (ministries, lembaga, BUMN, PTN) that handle a subtopic, those naming it
/// first.
pub fn agencies_for(subtopic_key: &str) -> Vec<&'static Agency> {
    let all = || MINISTRIES.iter().chain(STATE_COMPANIES).chain(UNIVERSITIES);
    let mut out: Vec<&'static Agency> = all()
        .filter(|a| a.subtopics.contains(&subtopic_key))
        .collect();
    if let Some((topic, _)) = subtopic(subtopic_key) {
        for a in all() {
            if a.topics.contains(&topic.key) && !out.iter().any(|o| o.code == a.code) {
                out.push(a);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Names and places (invented combinations of common name parts)
// ---------------------------------------------------------------------------------------------

const fn f(name: &'static str) -> NamePart {
    NamePart {
        name,
        gender: Gender::Female,
    }
}
const fn m(name: &'static str) -> NamePart {
    NamePart {
        name,
        gender: Gender::Male,
    }
}
const fn a(name: &'static str) -> NamePart {
    NamePart {
        name,
        gender: Gender::Any,
    }
}

/// Given names: Javanese, Sundanese, Batak, Minang, Bugis, Balinese, Papuan, Malukan, Muslim and
/// Christian names.
pub static FIRST_NAMES: &[NamePart] = &[
    // Javanese
    m("Budi"),
    m("Slamet"),
    m("Agus"),
    m("Bambang"),
    m("Joko"),
    m("Wahyu"),
    m("Sugeng"),
    m("Heru"),
    f("Sri"),
    f("Endang"),
    f("Wulan"),
    f("Sumiati"),
    f("Rini"),
    f("Tri"),
    // Sundanese
    m("Asep"),
    m("Ujang"),
    m("Dadang"),
    m("Cecep"),
    f("Euis"),
    f("Neng"),
    f("Iis"),
    f("Lilis"),
    // Batak
    m("Togar"),
    m("Parlindungan"),
    m("Maruli"),
    m("Horas"),
    f("Rumondang"),
    f("Tiurma"),
    // Minang
    m("Erwin"),
    m("Zulkifli"),
    m("Afrizal"),
    f("Rosmaini"),
    f("Yusnidar"),
    // Bugis / Makassar
    m("Andi"),
    m("Baso"),
    m("Syamsul"),
    f("Besse"),
    f("Hasnah"),
    // Balinese
    a("Wayan"),
    a("Made"),
    a("Nyoman"),
    a("Ketut"),
    a("Putu"),
    a("Komang"),
    f("Ni Luh"),
    // Papuan and Malukan
    m("Yonas"),
    m("Markus"),
    m("Yohanis"),
    m("Frans"),
    f("Yuliana"),
    f("Mariam"),
    f("Agustina"),
    // Muslim names common everywhere
    m("Muhammad"),
    m("Ahmad"),
    m("Rizki"),
    m("Fajar"),
    m("Hendra"),
    m("Irfan"),
    m("Yusuf"),
    m("Hasan"),
    m("Ridwan"),
    f("Siti"),
    f("Nur"),
    f("Aisyah"),
    f("Fitri"),
    f("Nurul"),
    f("Dewi"),
    f("Rahmawati"),
    f("Annisa"),
    f("Fatimah"),
    // Christian names common everywhere
    m("Yohanes"),
    m("Petrus"),
    m("Stefanus"),
    m("Daniel"),
    f("Maria"),
    f("Theresia"),
    f("Elisabeth"),
    f("Debora"),
    // Modern names
    a("Dian"),
    a("Eka"),
    a("Ayu"),
    m("Dimas"),
    m("Bayu"),
    f("Putri"),
    f("Indah"),
    f("Nabila"),
];

/// Family names, marga and second names.
pub static LAST_NAMES: &[NamePart] = &[
    // Javanese and Sundanese second names
    m("Santoso"),
    m("Wibowo"),
    m("Nugroho"),
    m("Prasetyo"),
    m("Setiawan"),
    m("Susanto"),
    m("Hidayat"),
    m("Kurniawan"),
    m("Saputra"),
    m("Pratama"),
    m("Firmansyah"),
    m("Supriadi"),
    f("Lestari"),
    f("Wahyuni"),
    f("Rahayu"),
    f("Susanti"),
    f("Handayani"),
    f("Purwanti"),
    f("Kartika"),
    f("Maharani"),
    a("Wijaya"),
    a("Kusuma"),
    a("Permana"),
    a("Gunawan"),
    // Batak marga
    a("Siregar"),
    a("Nasution"),
    a("Harahap"),
    a("Lubis"),
    a("Simanjuntak"),
    a("Sinaga"),
    a("Manurung"),
    a("Tambunan"),
    a("Hutapea"),
    a("Sitompul"),
    // Minang
    a("Chaniago"),
    a("Piliang"),
    a("Tanjung"),
    // Bugis / Makassar
    m("Bachtiar"),
    m("Syamsuddin"),
    f("Nurhayati"),
    // Balinese
    m("Suardana"),
    m("Astawa"),
    f("Sudarmi"),
    f("Ariani"),
    // Minahasa
    a("Pangemanan"),
    a("Rumengan"),
    a("Sondakh"),
    a("Wowor"),
    // Maluku
    a("Pattiasina"),
    a("Latuconsina"),
    a("Pelupessy"),
    a("Tuhumury"),
    // Papua
    a("Wenda"),
    a("Kogoya"),
    a("Rumbiak"),
    a("Mandacan"),
    a("Yikwa"),
    a("Rumbewas"),
    // Muslim second names
    m("Hakim"),
    m("Ramadhan"),
    f("Aulia"),
    f("Azzahra"),
];

/// Street names ("Jl." and "Gg."), common across Indonesian towns.
pub static STREET_NAMES: &[&str] = &[
    "Jl. Merdeka",
    "Jl. Sudirman",
    "Jl. Diponegoro",
    "Jl. Gajah Mada",
    "Jl. Ahmad Yani",
    "Jl. Pahlawan",
    "Jl. Pemuda",
    "Jl. Imam Bonjol",
    "Jl. Cut Nyak Dien",
    "Jl. Kartini",
    "Jl. Ki Hajar Dewantara",
    "Jl. Teuku Umar",
    "Jl. Pattimura",
    "Jl. Sisingamangaraja",
    "Jl. Hasanuddin",
    "Jl. Sam Ratulangi",
    "Jl. Dewi Sartika",
    "Jl. Veteran",
    "Jl. Pramuka",
    "Jl. Kenanga",
    "Jl. Melati",
    "Jl. Mawar",
    "Jl. Anggrek",
    "Jl. Flamboyan",
    "Jl. Cempaka",
    "Jl. Dahlia",
    "Jl. Teratai",
    "Jl. Nangka",
    "Jl. Rambutan",
    "Jl. Mangga",
    "Jl. Durian",
    "Jl. Kelapa Gading",
    "Jl. Raya Timur",
    "Jl. Lingkar Selatan",
    "Jl. Poros Desa",
    "Jl. Pasar Lama",
    "Jl. Pelabuhan",
    "Jl. Stasiun",
    "Jl. Perintis Kemerdekaan",
    "Jl. Kampung Baru",
    "Jl. Bhayangkara",
    "Jl. Garuda",
    "Jl. Rajawali",
    "Jl. Cendrawasih",
    "Gg. Mawar",
    "Gg. Masjid",
    "Gg. Sawo",
    "Gg. Kenari",
    "Gg. Haji Ridwan",
    "Gg. Makam",
];

/// Desa/kelurahan names without prefix (see [`Regency::village_prefix`]).
pub static VILLAGE_NAMES: &[&str] = &[
    "Sukamaju",
    "Sukamulya",
    "Mekarsari",
    "Sindangsari",
    "Cibeureum",
    "Cikaret",
    "Karangrejo",
    "Sumberejo",
    "Tegalsari",
    "Wonosari",
    "Ngadirejo",
    "Sidomulyo",
    "Margorejo",
    "Banjarsari",
    "Purwodadi",
    "Tanjung Harapan",
    "Sungai Rambai",
    "Air Hitam",
    "Padang Tinggi",
    "Koto Baru",
    "Sungai Pua",
    "Pasar Baru",
    "Kampung Baru",
    "Simpang Tiga",
    "Lubuk Buaya",
    "Bandar Selamat",
    "Labuhan Deli",
    "Sei Sikambing",
    "Hutabarat",
    "Sipoholon",
    "Tamalanrea",
    "Panaikang",
    "Bontoala",
    "Tamangapa",
    "Watampone",
    "Mandonga",
    "Tikala",
    "Wanea",
    "Malalayang",
    "Kampung Jawa",
    "Sanur Kaja",
    "Padangsambian",
    "Pemecutan",
    "Ubung Kaja",
    "Ampenan Selatan",
    "Oebobo",
    "Oesapa",
    "Kelapa Lima",
    "Batu Merah",
    "Passo",
    "Hamadi",
    "Entrop",
    "Waena",
    "Sentani Kota",
    "Rimba Jaya",
    "Sanggeng",
    "Amban",
    "Malanu",
    "Tanjung Hulu",
    "Sungai Jawi",
    "Kuin Utara",
    "Loktabat",
    "Sempaja",
    "Gunung Samarinda",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn all_38_provinces_with_their_zones() {
        assert_eq!(PROVINCES.len(), 38);
        let wit: HashSet<&str> = [
            "MALUKU", "MALUT", "PAPUA", "PABAR", "PBD", "PAPTENG", "PAPEG", "PAPSEL",
        ]
        .into_iter()
        .collect();
        let wita: HashSet<&str> = [
            "BALI",
            "NTB",
            "NTT",
            "KALSEL",
            "KALTIM",
            "KALTARA",
            "SULUT",
            "GORONTALO",
            "SULTENG",
            "SULBAR",
            "SULSEL",
            "SULTRA",
        ]
        .into_iter()
        .collect();
        for p in PROVINCES {
            assert!(p.name.starts_with("Provinsi "), "{}", p.name);
            let expected = if wit.contains(p.code) {
                Zone::Wit
            } else if wita.contains(p.code) {
                Zone::Wita
            } else {
                Zone::Wib
            };
            assert_eq!(p.zone, expected, "{}", p.name);
        }
        let count = |z: Zone| PROVINCES.iter().filter(|p| p.zone == z).count();
        assert_eq!(count(Zone::Wib), 18);
        assert_eq!(count(Zone::Wita), 12);
        assert_eq!(count(Zone::Wit), 8);
    }

    #[test]
    fn every_province_has_at_least_two_regencies() {
        for p in PROVINCES {
            assert!(regencies_of(p.code).count() >= 2, "{}", p.name);
        }
        for r in REGENCIES {
            assert!(province_by_code(r.province).is_some(), "{}", r.name);
            match r.kind {
                InstansiKind::Kota => {
                    assert!(r.name.starts_with("Kota ") && r.code.starts_with("KOTA-"))
                }
                InstansiKind::Kabupaten => {
                    assert!(r.name.starts_with("Kabupaten ") && r.code.starts_with("KAB-"))
                }
                other => panic!("{} has kind {other}", r.name),
            }
        }
        assert!(REGENCIES.len() >= 110, "{}", REGENCIES.len());
    }

    #[test]
    fn regencies_span_all_three_zones() {
        for z in Zone::ALL {
            assert!(
                REGENCIES.iter().filter(|r| r.zone() == *z).count() >= 5,
                "{z}"
            );
        }
        let pontianak = REGENCIES.iter().find(|r| r.name == "Kota Pontianak");
        assert_eq!(pontianak.map(|r| r.zone()), Some(Zone::Wib));
        let makassar = REGENCIES.iter().find(|r| r.name == "Kota Makassar");
        assert_eq!(makassar.map(|r| r.zone()), Some(Zone::Wita));
        let merauke = REGENCIES.iter().find(|r| r.name == "Kabupaten Merauke");
        assert_eq!(merauke.map(|r| r.zone()), Some(Zone::Wit));
    }

    #[test]
    fn no_duplicate_codes_or_names() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        let agencies = MINISTRIES.iter().chain(STATE_COMPANIES).chain(UNIVERSITIES);
        for (code, name) in PROVINCES
            .iter()
            .map(|p| (p.code, p.name))
            .chain(REGENCIES.iter().map(|r| (r.code, r.name)))
            .chain(agencies.map(|a| (a.code, a.name)))
        {
            assert!(codes.insert(code), "duplicate code {code}");
            assert!(names.insert(name), "duplicate name {name}");
            assert!(!code.is_empty() && code.len() <= 24, "{code}");
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
        }
        let unit_lists = std::iter::once(REGIONAL_UNITS)
            .chain(std::iter::once(MINISTRY_UNITS))
            .chain(MINISTRIES.iter().map(|a| a.units));
        for units in unit_lists {
            let mut seen = HashSet::new();
            for u in units {
                assert!(seen.insert(u.code), "duplicate unit code {}", u.code);
            }
        }
        for a in MINISTRIES {
            for u in a.units {
                assert!(
                    MINISTRY_UNITS.iter().all(|g| g.code != u.code),
                    "{} clashes with a generic unit",
                    u.code
                );
            }
        }
        let kinds =
            |list: &[Agency], ok: &[InstansiKind]| list.iter().all(|a| ok.contains(&a.kind));
        assert!(kinds(MINISTRIES, &[Kementerian, Lembaga]));
        assert!(kinds(STATE_COMPANIES, &[Bumn]));
        assert!(kinds(UNIVERSITIES, &[Ptn]));
    }

    #[test]
    fn topic_tree_is_consistent() {
        let mut keys = HashSet::new();
        for t in CATEGORIES {
            assert!(keys.insert(t.key), "duplicate topic {}", t.key);
            assert!((3..=6).contains(&t.subtopics.len()), "{}", t.key);
        }
        for (_, s) in all_subtopics() {
            assert!(keys.insert(s.key), "duplicate key {}", s.key);
        }
        // Every topic/subtopic a unit or agency names exists.
        let units = REGIONAL_UNITS
            .iter()
            .chain(MINISTRY_UNITS)
            .chain(MINISTRIES.iter().flat_map(|a| a.units));
        let topic_ok = |k: &str| CATEGORIES.iter().any(|t| t.key == k);
        let sub_ok = |k: &str| subtopic(k).is_some();
        for u in units {
            assert!(u.topics.iter().all(|k| topic_ok(k)), "{}", u.name);
            assert!(u.subtopics.iter().all(|k| sub_ok(k)), "{}", u.name);
        }
        for a in MINISTRIES.iter().chain(STATE_COMPANIES).chain(UNIVERSITIES) {
            assert!(a.topics.iter().all(|k| topic_ok(k)), "{}", a.name);
            assert!(a.subtopics.iter().all(|k| sub_ok(k)), "{}", a.name);
        }
        // Every subtopic has somewhere to go: a regional unit or a national body (street vendors
        // are a purely regional matter; university fees a purely national one).
        for (_, s) in all_subtopics() {
            assert!(
                !agencies_for(s.key).is_empty() || !regional_units_for(s.key).is_empty(),
                "nowhere to dispose {}",
                s.key
            );
        }
        assert_eq!(regional_units_for("rumah_sakit")[0].code, "RSUD");
    }

    #[test]
    fn name_and_place_lists_are_sized_and_unique() {
        assert!(FIRST_NAMES.len() >= 80, "{}", FIRST_NAMES.len());
        assert!(LAST_NAMES.len() >= 60, "{}", LAST_NAMES.len());
        assert!(VILLAGE_NAMES.len() >= 60, "{}", VILLAGE_NAMES.len());
        assert!(STREET_NAMES.len() >= 40, "{}", STREET_NAMES.len());
        for list in [
            FIRST_NAMES.iter().map(|n| n.name).collect::<Vec<_>>(),
            LAST_NAMES.iter().map(|n| n.name).collect(),
            VILLAGE_NAMES.to_vec(),
            STREET_NAMES.to_vec(),
        ] {
            let set: HashSet<&str> = list.iter().copied().collect();
            assert_eq!(set.len(), list.len());
        }
        for g in [Gender::Female, Gender::Male] {
            assert!(FIRST_NAMES.iter().any(|n| n.gender == g));
            assert!(LAST_NAMES.iter().any(|n| n.gender.fits(g)));
        }
    }
}
