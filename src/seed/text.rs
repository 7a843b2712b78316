//! Composer of synthetic complaint texts for `meja seed`.
//!
//! Every text is assembled from short fragments written for this project (never copied from real
//! reports): a greeting, a problem phrase of the report's subtopic, synthetic details (since when,
//! how many people are affected, whom the reporter already asked), a request and a closing. The
//! wording follows the klasifikasi: a complaint, a suggestion, an information request, a careful
//! whistle-blowing report or a procurement irregularity.
//!
//! Performance matters (the seeder composes a million texts): fragments are static slices picked
//! by a `match` on the subtopic key, and each text is one pre-sized `String` filled with
//! `push_str`; numbers come from static tables, so no formatting happens per call.

use crate::domain::types::Klasifikasi;
use crate::seed::data::{self, NamePart};
use rand::Rng;
use rand::seq::IndexedRandom;

pub struct ComposedText {
    pub judul: String,
    pub isi: String,
    pub tags: Vec<String>,
}

pub struct Place<'a> {
    pub regency: &'a str,
    pub village: &'a str,
    pub street: &'a str,
}

/// Bounds of a composed title and body, in characters.
const JUDUL_MIN: usize = 30;
const JUDUL_MAX: usize = 90;
const ISI_MIN: usize = 200;
const ISI_MAX: usize = 600;

/// The fragments of one subtopic. Phrases are lower-case unless they start with an acronym or
/// proper noun; `d` holds whole sentences.
struct Frag {
    /// The problem happens at a street (road, drainage, ...) rather than at an office.
    loc: bool,
    /// Problem phrases, usable in titles ("jalan rusak dan berlubang") and bodies.
    p: &'static [&'static str],
    /// Detail sentences.
    d: &'static [&'static str],
    /// Who is affected (plural noun after a number).
    w: &'static [&'static str],
    /// Whom the reporter already told.
    k: &'static [&'static str],
    /// Requests: a clause after "Mohon " / "Kami berharap ".
    r: &'static [&'static str],
    /// Suggestions (aspirasi): noun phrases.
    a: &'static [&'static str],
    /// Information asked for: noun phrases.
    i: &'static [&'static str],
    /// Services in which a pungli may happen (whistle-blowing).
    s: &'static [&'static str],
    /// Projects whose procurement may be irregular.
    j: &'static [&'static str],
    /// Lower-case tags, the first always used.
    t: &'static [&'static str],
}

/// The fragments of a subtopic key; `None` for an unknown key.
fn frag(key: &str) -> Option<&'static Frag> {
    Some(match key {
        // ---------------------------------------------------------------- infrastruktur
        "jalan" => &Frag {
            loc: true,
            p: &[
                "jalan rusak dan berlubang",
                "aspal jalan mengelupas sepanjang ratusan meter",
                "jalan berlumpur dan licin setiap hujan",
                "lubang besar di tengah jalan membahayakan pengendara",
                "jalan ambles hampir separuh badan jalan",
            ],
            d: &[
                "Setiap hujan lubang tertutup genangan sehingga beberapa pengendara motor sudah terjatuh.",
                "Kendaraan harus berjalan pelan dan antrean panjang terjadi pada jam berangkat kerja.",
                "Anak-anak yang berangkat sekolah terpaksa lewat bahu jalan yang becek.",
                "Truk bermuatan berat masih melintas sehingga kerusakan makin parah.",
            ],
            w: &["pengendara", "kepala keluarga"],
            k: &["ketua RT dan RW", "kantor kecamatan", "perangkat desa"],
            r: &[
                "dinas terkait segera menambal atau mengaspal ulang jalan tersebut",
                "petugas meninjau lokasi dan memasang tanda bahaya sementara",
                "perbaikan jalan ini dimasukkan dalam anggaran tahun berjalan",
            ],
            a: &[
                "pelebaran jalan dan pembuatan bahu jalan",
                "pembangunan trotoar bagi pejalan kaki",
                "pengecoran jalan lingkungan",
            ],
            i: &[
                "jadwal perbaikan jalan kabupaten tahun ini",
                "status kewenangan ruas jalan di wilayah kami",
                "rencana pengaspalan jalan lingkungan",
            ],
            s: &["pengurusan izin galian jalan", "perbaikan jalan lingkungan"],
            j: &[
                "pengaspalan jalan lingkungan",
                "rehabilitasi jalan kabupaten",
                "pengecoran jalan desa",
            ],
            t: &["jalan-rusak", "infrastruktur"],
        },
        "jembatan" => &Frag {
            loc: true,
            p: &[
                "jembatan penghubung antardesa retak dan miring",
                "papan jembatan gantung lapuk dan berlubang",
                "pagar pengaman jembatan hilang",
                "jembatan putus terbawa arus sungai",
            ],
            d: &[
                "Warga terpaksa memutar beberapa kilometer untuk sampai ke pasar.",
                "Anak sekolah tetap menyeberang sambil berpegangan pada tali sehingga sangat berbahaya.",
                "Kendaraan roda empat sudah tidak berani melintas karena jembatan bergoyang.",
            ],
            w: &["siswa", "kepala keluarga"],
            k: &["kepala desa", "kantor kecamatan"],
            r: &[
                "dinas PUPR segera memeriksa kekuatan jembatan dan memperbaikinya",
                "dipasang rambu larangan melintas sampai jembatan selesai diperbaiki",
            ],
            a: &[
                "pembangunan jembatan permanen pengganti jembatan kayu",
                "pelebaran jembatan agar bisa dilalui dua kendaraan",
            ],
            i: &[
                "rencana pembangunan jembatan pengganti di desa kami",
                "hasil pemeriksaan kelayakan jembatan setelah banjir",
            ],
            s: &[
                "pendataan jembatan rusak untuk usulan perbaikan",
                "penyaluran dana perbaikan jembatan desa",
            ],
            j: &[
                "pembangunan jembatan beton desa",
                "rehabilitasi jembatan gantung",
            ],
            t: &["jembatan", "infrastruktur"],
        },
        "drainase" => &Frag {
            loc: true,
            p: &[
                "saluran air tersumbat sampah dan lumpur",
                "got meluap ke jalan setiap hujan deras",
                "saluran drainase ambruk dan tidak berfungsi",
                "gorong-gorong terlalu kecil sehingga air tertahan",
            ],
            d: &[
                "Air bercampur lumpur masuk ke halaman dan dapur rumah warga.",
                "Genangan bertahan sampai dua hari dan menimbulkan bau tidak sedap.",
                "Nyamuk berkembang biak di genangan dan warga khawatir terkena demam berdarah.",
            ],
            w: &["kepala keluarga", "rumah"],
            k: &["ketua RT", "pengurus RW", "kantor kecamatan"],
            r: &[
                "dinas terkait mengeruk saluran dan memperbaiki dinding yang ambruk",
                "gorong-gorong diganti dengan ukuran yang lebih besar",
            ],
            a: &[
                "normalisasi saluran drainase di sepanjang jalan",
                "pembuatan sumur resapan di lingkungan padat",
            ],
            i: &[
                "jadwal normalisasi saluran drainase di wilayah kami",
                "prosedur pengajuan perbaikan saluran lingkungan",
            ],
            s: &[
                "perbaikan saluran drainase lingkungan",
                "pengerukan saluran oleh petugas",
            ],
            j: &[
                "pembangunan saluran drainase",
                "normalisasi saluran lingkungan",
            ],
            t: &["drainase", "genangan"],
        },
        "air_bersih" => &Frag {
            loc: true,
            p: &[
                "air PDAM tidak mengalir",
                "air PDAM keruh dan berbau",
                "tagihan air melonjak padahal air sering mati",
                "pipa PDAM bocor dan air terbuang percuma",
            ],
            d: &[
                "Warga terpaksa membeli air isi ulang untuk mandi dan memasak.",
                "Air hanya mengalir tengah malam dengan tekanan sangat kecil.",
                "Kebocoran pipa sudah membuat badan jalan ikut ambles.",
            ],
            w: &["pelanggan", "kepala keluarga"],
            k: &["kantor cabang PDAM", "call center PDAM"],
            r: &[
                "PDAM segera memperbaiki distribusi air dan memberi jadwal yang jelas",
                "tagihan diperiksa ulang sesuai pemakaian sebenarnya",
            ],
            a: &[
                "perluasan jaringan pipa air bersih ke dusun kami",
                "pembangunan sumur bor komunal",
            ],
            i: &[
                "jadwal perbaikan pipa dan gangguan air di wilayah kami",
                "cara pengajuan sambungan baru PDAM",
            ],
            s: &["pemasangan sambungan baru PDAM", "penggantian meteran air"],
            j: &[
                "pemasangan jaringan pipa air bersih",
                "pembangunan sumur bor desa",
            ],
            t: &["air-bersih", "pdam"],
        },
        "pju" => &Frag {
            loc: true,
            p: &[
                "lampu penerangan jalan mati",
                "tiang lampu jalan miring dan kabelnya menjuntai",
                "jalan gelap karena lampu PJU tidak pernah dipasang",
                "lampu jalan menyala siang hari dan mati malam hari",
            ],
            d: &[
                "Jalan menjadi sangat gelap dan sudah terjadi penjambretan terhadap warga.",
                "Pengendara kesulitan melihat lubang pada malam hari.",
                "Kabel yang terkelupas dikhawatirkan menyengat anak-anak yang bermain.",
            ],
            w: &["pengendara", "kepala keluarga"],
            k: &["ketua RT", "kantor kecamatan"],
            r: &[
                "dinas perhubungan segera mengganti lampu yang mati",
                "petugas memeriksa tiang dan kabel yang membahayakan",
            ],
            a: &[
                "penambahan titik lampu penerangan jalan",
                "penggantian lampu jalan dengan lampu tenaga surya",
            ],
            i: &[
                "prosedur pengajuan pemasangan lampu penerangan jalan",
                "jadwal pemeliharaan lampu PJU di wilayah kami",
            ],
            s: &["pemasangan lampu penerangan jalan", "penggantian lampu PJU"],
            j: &[
                "pengadaan lampu PJU tenaga surya",
                "pemasangan tiang lampu jalan",
            ],
            t: &["pju", "penerangan-jalan"],
        },
        // ---------------------------------------------------------------- kesehatan
        "bpjs_kesehatan" => &Frag {
            loc: false,
            p: &[
                "kartu BPJS Kesehatan tiba-tiba nonaktif",
                "peserta JKN diminta membayar obat di luar tanggungan",
                "status kepesertaan PBI dicabut tanpa pemberitahuan",
                "rujukan BPJS Kesehatan dipersulit",
            ],
            d: &[
                "Ibu saya yang sedang berobat rutin harus membayar sendiri biaya perawatannya.",
                "Petugas hanya meminta kami mengurus ke kantor cabang tanpa penjelasan.",
                "Obat yang seharusnya ditanggung disebut kosong dan harus dibeli di apotek luar.",
            ],
            w: &["peserta", "pasien"],
            k: &[
                "kantor cabang BPJS Kesehatan",
                "petugas fasilitas kesehatan",
            ],
            r: &[
                "BPJS Kesehatan segera mengaktifkan kembali kepesertaan kami",
                "pihak terkait menjelaskan hak peserta secara tertulis",
            ],
            a: &[
                "penambahan loket layanan BPJS Kesehatan di kecamatan",
                "sosialisasi hak peserta JKN di puskesmas",
            ],
            i: &[
                "cara mengaktifkan kembali kartu BPJS Kesehatan PBI",
                "prosedur pindah faskes tingkat pertama",
            ],
            s: &[
                "pengaktifan kembali kepesertaan JKN",
                "pendaftaran peserta BPJS Kesehatan",
            ],
            j: &[
                "pengadaan sistem antrean layanan JKN",
                "pengadaan obat program JKN",
            ],
            t: &["bpjs-kesehatan", "jkn"],
        },
        "puskesmas" => &Frag {
            loc: false,
            p: &[
                "antrean di puskesmas sangat panjang",
                "dokter puskesmas jarang berada di tempat",
                "petugas puskesmas kurang ramah kepada pasien",
                "obat di puskesmas sering kosong",
            ],
            d: &[
                "Pasien lansia harus menunggu sejak pagi sampai siang tanpa kepastian.",
                "Loket pendaftaran baru dibuka satu jam setelah jam layanan yang tertulis.",
                "Pasien disuruh membeli obat sendiri di apotek luar.",
            ],
            w: &["pasien", "lansia"],
            k: &["kepala puskesmas", "kotak saran puskesmas"],
            r: &[
                "dinas kesehatan mengevaluasi jam layanan dan ketersediaan obat di puskesmas",
                "pihak puskesmas menambah petugas pendaftaran",
            ],
            a: &[
                "antrean daring untuk pendaftaran puskesmas",
                "layanan puskesmas keliling untuk dusun terpencil",
            ],
            i: &[
                "jam layanan dan jadwal dokter di puskesmas",
                "layanan yang gratis di puskesmas",
            ],
            s: &[
                "pendaftaran pasien di puskesmas",
                "penerbitan surat keterangan sehat",
            ],
            j: &[
                "renovasi gedung puskesmas",
                "pengadaan alat kesehatan puskesmas",
            ],
            t: &["puskesmas", "kesehatan"],
        },
        "rumah_sakit" => &Frag {
            loc: false,
            p: &[
                "pasien ditolak rumah sakit dengan alasan kamar penuh",
                "pelayanan IGD rumah sakit daerah sangat lambat",
                "pasien JKN diminta uang muka di rumah sakit",
                "jadwal operasi pasien terus diundur",
            ],
            d: &[
                "Keluarga kami menunggu lebih dari lima jam di IGD tanpa penanganan yang jelas.",
                "Petugas meminta kami mencari rumah sakit lain padahal kondisi pasien sedang gawat.",
                "Pasien sudah dua kali dipuasakan untuk operasi lalu dibatalkan.",
            ],
            w: &["pasien", "keluarga pasien"],
            k: &[
                "bagian pengaduan rumah sakit",
                "petugas informasi rumah sakit",
            ],
            r: &[
                "manajemen rumah sakit memberikan penjelasan dan memperbaiki pelayanan IGD",
                "dinas kesehatan memeriksa prosedur penerimaan pasien",
            ],
            a: &[
                "penambahan ruang rawat inap kelas tiga",
                "papan informasi ketersediaan kamar secara terbuka",
            ],
            i: &[
                "ketersediaan kamar rawat inap dan alur rujukan",
                "biaya layanan yang ditanggung untuk pasien JKN",
            ],
            s: &["penerimaan pasien rawat inap", "penjadwalan operasi"],
            j: &[
                "pengadaan alat kesehatan RSUD",
                "pembangunan gedung rawat inap RSUD",
            ],
            t: &["rumah-sakit", "kesehatan"],
        },
        "penyakit" => &Frag {
            loc: true,
            p: &[
                "kasus demam berdarah meningkat",
                "fogging tidak kunjung dilakukan padahal ada warga terkena DBD",
                "banyak anak terserang diare",
                "kasus TBC belum ditangani petugas",
            ],
            d: &[
                "Dalam sebulan terakhir ada beberapa warga yang dirawat di rumah sakit.",
                "Jentik nyamuk banyak ditemukan di tempat penampungan air warga.",
                "Belum ada petugas kesehatan yang datang untuk penyelidikan epidemiologi.",
            ],
            w: &["warga", "anak"],
            k: &["puskesmas", "kader kesehatan"],
            r: &[
                "dinas kesehatan segera melakukan fogging dan pemeriksaan jentik",
                "petugas puskesmas turun melakukan penyuluhan dan pemeriksaan",
            ],
            a: &[
                "gerakan pemberantasan sarang nyamuk rutin di tiap RT",
                "penyuluhan kesehatan tentang pencegahan TBC",
            ],
            i: &[
                "syarat dan prosedur permintaan fogging",
                "jadwal imunisasi lanjutan untuk anak",
            ],
            s: &["permintaan fogging", "pemeriksaan kesehatan massal"],
            j: &[
                "pengadaan bahan fogging",
                "pengadaan obat program penyakit menular",
            ],
            t: &["penyakit-menular", "dbd", "kesehatan"],
        },
        "gizi" => &Frag {
            loc: false,
            p: &[
                "posyandu di lingkungan kami tidak aktif lagi",
                "makanan tambahan untuk balita tidak dibagikan",
                "balita kurang gizi belum mendapat pendampingan",
                "timbangan dan alat ukur posyandu rusak",
            ],
            d: &[
                "Ibu-ibu harus membawa balitanya ke puskesmas yang jauh untuk ditimbang.",
                "Data balita stunting di desa kami tampaknya tidak diperbarui.",
                "Makanan tambahan yang dijanjikan hanya dibagikan satu kali.",
            ],
            w: &["balita", "ibu hamil"],
            k: &["kader posyandu", "bidan desa"],
            r: &[
                "dinas kesehatan mengaktifkan kembali posyandu dan memberi pendampingan gizi",
                "bantuan makanan tambahan disalurkan sesuai data balita",
            ],
            a: &[
                "pelatihan kader posyandu tentang pencegahan stunting",
                "kelas ibu hamil di setiap dusun",
            ],
            i: &[
                "jadwal dan syarat penerimaan makanan tambahan balita",
                "program pencegahan stunting di desa kami",
            ],
            s: &[
                "penyaluran makanan tambahan balita",
                "pendataan balita stunting",
            ],
            j: &[
                "pengadaan makanan tambahan balita",
                "pengadaan alat antropometri posyandu",
            ],
            t: &["stunting", "posyandu", "gizi"],
        },
        // ---------------------------------------------------------------- pendidikan
        "ppdb" => &Frag {
            loc: false,
            p: &[
                "hitungan jarak zonasi PPDB tidak sesuai kenyataan",
                "situs pendaftaran PPDB sering galat",
                "anak tidak diterima padahal rumah dekat sekolah",
                "dugaan titipan kursi dalam penerimaan murid baru",
            ],
            d: &[
                "Anak kami berada di urutan atas lalu tiba-tiba tergeser pada hari terakhir.",
                "Ada pendaftar yang baru pindah domisili beberapa bulan tetapi diterima.",
                "Panitia sekolah tidak bisa menjelaskan cara perhitungan jarak.",
            ],
            w: &["calon siswa", "orang tua"],
            k: &["panitia PPDB sekolah", "dinas pendidikan"],
            r: &[
                "dinas pendidikan meninjau ulang hasil seleksi secara terbuka",
                "panitia mengumumkan perhitungan jarak tiap pendaftar",
            ],
            a: &[
                "penambahan daya tampung sekolah negeri di kecamatan kami",
                "posko bantuan pendaftaran PPDB",
            ],
            i: &[
                "jadwal dan persyaratan PPDB tahun ini",
                "cara perhitungan jarak zonasi PPDB",
            ],
            s: &["penerimaan murid baru", "penentuan jalur zonasi PPDB"],
            j: &[
                "pengadaan aplikasi PPDB daring",
                "pengadaan server pendaftaran murid baru",
            ],
            t: &["ppdb", "pendidikan"],
        },
        "pungutan_sekolah" => &Frag {
            loc: false,
            p: &[
                "sekolah menjual seragam dan buku dengan harga mahal",
                "pungutan uang gedung di sekolah negeri",
                "siswa diwajibkan membayar biaya study tour",
                "ijazah ditahan karena tunggakan iuran sekolah",
            ],
            d: &[
                "Orang tua diberi tahu jumlah yang harus dibayar tanpa rapat komite.",
                "Siswa yang belum membayar diumumkan di depan kelas.",
                "Besaran iuran mencapai lebih dari satu juta rupiah per siswa.",
            ],
            w: &["siswa", "orang tua"],
            k: &["wali kelas", "komite sekolah"],
            r: &[
                "dinas pendidikan memeriksa pungutan tersebut dan menghentikannya bila tidak sesuai aturan",
                "sekolah mengembalikan dana yang dipungut tanpa dasar",
            ],
            a: &[
                "transparansi penggunaan dana BOS di papan informasi sekolah",
                "aturan tertulis tentang sumbangan sukarela",
            ],
            i: &[
                "aturan sumbangan dan pungutan di sekolah negeri",
                "penggunaan dana BOS di sekolah anak kami",
            ],
            s: &["pengambilan ijazah", "pembagian rapor"],
            j: &["pengadaan seragam sekolah", "pengadaan buku pelajaran"],
            t: &["pungutan-sekolah", "pendidikan"],
        },
        "bantuan_pendidikan" => &Frag {
            loc: false,
            p: &[
                "dana PIP anak kami belum cair",
                "nama siswa penerima KIP dicoret tanpa alasan",
                "dana PIP dipotong oleh pihak sekolah",
                "pengajuan KIP Kuliah tidak kunjung diproses",
            ],
            d: &[
                "Anak kami tercatat sebagai penerima tetapi dananya tidak pernah diterima.",
                "Pihak sekolah meminta sebagian dana dengan alasan biaya administrasi.",
                "Buku tabungan siswa dipegang sekolah dan tidak diberikan kepada orang tua.",
            ],
            w: &["siswa", "mahasiswa"],
            k: &["operator sekolah", "bank penyalur"],
            r: &[
                "dinas pendidikan memeriksa penyaluran dana PIP di sekolah tersebut",
                "nama anak kami dikembalikan sebagai penerima bantuan",
            ],
            a: &[
                "sosialisasi jadwal pencairan PIP kepada orang tua",
                "pendampingan pendaftaran KIP Kuliah di sekolah",
            ],
            i: &[
                "status penerima PIP atas nama anak kami",
                "jadwal pencairan dan cara mengecek PIP",
            ],
            s: &["pencairan dana PIP", "pengusulan penerima KIP"],
            j: &[
                "pengadaan aplikasi pendataan penerima PIP",
                "pencetakan kartu KIP",
            ],
            t: &["pip", "bantuan-pendidikan"],
        },
        "sarana_sekolah" => &Frag {
            loc: false,
            p: &[
                "atap ruang kelas bocor dan hampir roboh",
                "toilet sekolah rusak dan tidak ada air",
                "meja dan kursi siswa banyak yang rusak",
                "pagar sekolah roboh dan belum diperbaiki",
            ],
            d: &[
                "Saat hujan siswa harus dipindahkan ke ruang guru.",
                "Sebagian siswa duduk di lantai karena bangku tidak cukup.",
                "Kerusakan sudah dilaporkan sejak tahun lalu tetapi belum ada perbaikan.",
            ],
            w: &["siswa", "guru"],
            k: &["kepala sekolah", "dinas pendidikan"],
            r: &[
                "dinas pendidikan segera merehabilitasi ruang kelas tersebut",
                "sekolah mendapat bantuan perbaikan toilet dan sarana air",
            ],
            a: &[
                "pembangunan perpustakaan sekolah",
                "penambahan ruang kelas baru",
            ],
            i: &[
                "rencana rehabilitasi gedung sekolah di wilayah kami",
                "prosedur pengajuan bantuan sarana sekolah",
            ],
            s: &[
                "pengajuan bantuan rehabilitasi sekolah",
                "pencairan dana DAK sekolah",
            ],
            j: &["rehabilitasi ruang kelas", "pengadaan meja dan kursi siswa"],
            t: &["sarana-sekolah", "pendidikan"],
        },
        "guru" => &Frag {
            loc: false,
            p: &[
                "guru sering tidak masuk kelas",
                "honor guru honorer belum dibayar",
                "tunjangan profesi guru terlambat cair",
                "sekolah kekurangan guru mata pelajaran",
            ],
            d: &[
                "Siswa sering hanya diberi tugas lalu ditinggal.",
                "Honor guru honorer sudah tertunda beberapa bulan.",
                "Satu guru terpaksa mengajar tiga kelas sekaligus.",
            ],
            w: &["siswa", "guru"],
            k: &["kepala sekolah", "pengawas sekolah"],
            r: &[
                "dinas pendidikan menindaklanjuti kehadiran guru dan kekurangan tenaga pengajar",
                "hak guru honorer segera dibayarkan",
            ],
            a: &[
                "penempatan guru tambahan di sekolah terpencil",
                "pelatihan rutin bagi guru honorer",
            ],
            i: &[
                "jadwal pencairan tunjangan profesi guru",
                "formasi pengangkatan guru PPPK",
            ],
            s: &["pengurusan tunjangan profesi guru", "mutasi guru"],
            j: &[
                "pengadaan laptop untuk guru",
                "pelatihan peningkatan kompetensi guru",
            ],
            t: &["guru", "pendidikan"],
        },
        "ukt" => &Frag {
            loc: false,
            p: &[
                "UKT tidak sesuai kemampuan ekonomi orang tua",
                "banding UKT tidak ditanggapi pihak kampus",
                "layanan akademik kampus sangat lambat",
                "ijazah lulusan belum juga diterbitkan kampus",
            ],
            d: &[
                "Penghasilan orang tua kami turun tetapi golongan UKT justru naik.",
                "Surat keterangan yang diminta tidak kunjung keluar padahal dibutuhkan untuk beasiswa.",
                "Mahasiswa diminta datang berkali-kali tanpa kepastian.",
            ],
            w: &["mahasiswa", "orang tua"],
            k: &["bagian akademik kampus", "pihak fakultas"],
            r: &[
                "pihak kampus meninjau ulang penetapan UKT secara terbuka",
                "bagian akademik memberi kepastian waktu penerbitan dokumen",
            ],
            a: &[
                "skema cicilan UKT bagi mahasiswa kurang mampu",
                "layanan akademik daring",
            ],
            i: &[
                "prosedur banding penurunan UKT",
                "kriteria penetapan golongan UKT",
            ],
            s: &["penetapan golongan UKT", "penerbitan ijazah"],
            j: &[
                "pengadaan sistem informasi akademik",
                "pembangunan gedung kuliah",
            ],
            t: &["ukt", "kampus"],
        },
        // ---------------------------------------------------------------- kependudukan
        "ktp_el" => &Frag {
            loc: false,
            p: &[
                "KTP-el belum jadi padahal sudah lama rekam",
                "blangko KTP-el kosong di kecamatan",
                "data KTP-el salah cetak",
                "antrean perekaman KTP-el sangat panjang",
            ],
            d: &[
                "Kami hanya diberi surat keterangan yang sering ditolak saat mengurus keperluan di bank.",
                "Petugas meminta kami datang kembali berkali-kali tanpa kepastian.",
                "Perekaman hanya dilayani untuk beberapa orang setiap hari.",
            ],
            w: &["warga", "pemohon"],
            k: &["petugas kecamatan", "loket disdukcapil"],
            r: &[
                "disdukcapil segera mencetak KTP-el yang tertunda",
                "petugas memperbaiki data dan menerbitkan KTP-el baru",
            ],
            a: &[
                "layanan perekaman KTP-el keliling ke desa",
                "layanan KTP-el pada hari Sabtu",
            ],
            i: &[
                "syarat dan lama pencetakan KTP-el",
                "ketersediaan blangko KTP-el di kecamatan",
            ],
            s: &["pencetakan KTP-el", "perekaman KTP-el"],
            j: &[
                "pengadaan blangko KTP-el",
                "pengadaan alat perekaman KTP-el",
            ],
            t: &["ktp-el", "adminduk"],
        },
        "kartu_keluarga" => &Frag {
            loc: false,
            p: &[
                "perubahan Kartu Keluarga tidak kunjung selesai",
                "nama anggota keluarga salah di Kartu Keluarga",
                "cetak ulang KK dipungut biaya",
                "pemisahan Kartu Keluarga ditolak tanpa alasan",
            ],
            d: &[
                "Padahal semua berkas sudah lengkap sesuai daftar persyaratan.",
                "KK ini dibutuhkan untuk pendaftaran sekolah anak.",
                "Kami diminta membawa surat pengantar berulang kali.",
            ],
            w: &["warga", "pemohon"],
            k: &["operator desa", "loket disdukcapil"],
            r: &[
                "disdukcapil segera memproses perubahan data kami",
                "kesalahan data di KK diperbaiki tanpa biaya",
            ],
            a: &[
                "pengiriman dokumen kependudukan melalui pos",
                "layanan adminduk di kantor desa",
            ],
            i: &[
                "syarat pemisahan dan perubahan Kartu Keluarga",
                "cara mencetak KK secara mandiri",
            ],
            s: &["penerbitan Kartu Keluarga", "perubahan data KK"],
            j: &[
                "pengadaan kertas dan printer dokumen kependudukan",
                "pengadaan aplikasi layanan adminduk",
            ],
            t: &["kartu-keluarga", "adminduk"],
        },
        "akta" => &Frag {
            loc: false,
            p: &[
                "akta kelahiran anak belum terbit",
                "pengurusan akta kematian dipersulit",
                "salah ketik nama pada akta kelahiran",
                "pengurusan akta kelahiran diminta biaya tambahan",
            ],
            d: &[
                "Akta ini diperlukan untuk mendaftarkan anak ke sekolah.",
                "Kami sudah bolak-balik ke kantor layanan tanpa hasil.",
                "Petugas menyebut harus menunggu penetapan padahal usia anak belum terlambat.",
            ],
            w: &["anak", "pemohon"],
            k: &["petugas disdukcapil", "kantor desa"],
            r: &[
                "disdukcapil segera menerbitkan akta sesuai berkas yang sudah kami serahkan",
                "kesalahan penulisan diperbaiki tanpa biaya",
            ],
            a: &[
                "layanan akta kelahiran langsung di puskesmas dan rumah sakit",
                "jemput bola pencatatan kematian di desa",
            ],
            i: &[
                "syarat penerbitan akta kelahiran terlambat",
                "lama proses penerbitan akta kematian",
            ],
            s: &["penerbitan akta kelahiran", "penerbitan akta kematian"],
            j: &[
                "pengadaan blangko akta",
                "pengadaan perangkat layanan catatan sipil",
            ],
            t: &["akta", "adminduk"],
        },
        "pindah_datang" => &Frag {
            loc: false,
            p: &[
                "surat pindah tidak kunjung diterbitkan",
                "data kependudukan masih tercatat di daerah asal",
                "proses pindah datang sangat berbelit",
                "status kependudukan ganda setelah pindah",
            ],
            d: &[
                "Akibatnya kami tidak bisa mendaftar BPJS dan sekolah di tempat baru.",
                "Kami sudah menyerahkan SKPWNI tetapi data belum masuk.",
                "Petugas di dua daerah saling melempar tanggung jawab.",
            ],
            w: &["warga", "pemohon"],
            k: &["disdukcapil daerah asal", "petugas kecamatan"],
            r: &[
                "disdukcapil menyelesaikan perpindahan data kami",
                "petugas berkoordinasi dengan daerah asal",
            ],
            a: &[
                "layanan pindah datang sepenuhnya daring",
                "informasi alur pindah datang di kantor desa",
            ],
            i: &[
                "alur dan syarat pindah datang antarkabupaten",
                "lama proses penerbitan SKPWNI",
            ],
            s: &["penerbitan surat pindah", "pengurusan pindah datang"],
            j: &[
                "pengadaan sistem informasi kependudukan",
                "pengadaan perangkat jaringan disdukcapil",
            ],
            t: &["pindah-datang", "adminduk"],
        },
        // ---------------------------------------------------------------- perhubungan
        "angkutan_umum" => &Frag {
            loc: true,
            p: &[
                "angkutan umum tidak beroperasi sesuai trayek",
                "sopir angkot menarik tarif melebihi ketentuan",
                "halte bus rusak dan tidak terawat",
                "bus kota sering ugal-ugalan",
            ],
            d: &[
                "Penumpang diturunkan di tengah jalan sebelum sampai tujuan.",
                "Pelajar harus membayar dua kali lipat dari tarif resmi.",
                "Jarak kedatangan bus bisa lebih dari satu jam.",
            ],
            w: &["penumpang", "pelajar"],
            k: &["dinas perhubungan", "pengelola terminal"],
            r: &[
                "dinas perhubungan menertibkan trayek dan tarif angkutan umum",
                "operator menambah armada pada jam sibuk",
            ],
            a: &[
                "penambahan rute angkutan umum ke perumahan kami",
                "tarif khusus pelajar dan lansia",
            ],
            i: &[
                "rute dan jadwal angkutan umum di wilayah kami",
                "tarif resmi angkutan kota",
            ],
            s: &["pengurusan izin trayek", "perpanjangan izin angkutan"],
            j: &["pengadaan armada bus", "pembangunan halte"],
            t: &["angkutan-umum", "transportasi"],
        },
        "parkir" => &Frag {
            loc: true,
            p: &[
                "juru parkir liar memungut tarif tinggi",
                "parkir di bahu jalan menyebabkan macet",
                "karcis parkir tidak pernah diberikan",
                "kendaraan hilang di area parkir resmi",
            ],
            d: &[
                "Tarif yang diminta dua sampai tiga kali lipat dari tarif resmi.",
                "Kendaraan diparkir sampai memakan separuh badan jalan.",
                "Petugas parkir tidak mau bertanggung jawab saat ada kehilangan.",
            ],
            w: &["pengendara", "pedagang"],
            k: &["dinas perhubungan", "pengelola parkir"],
            r: &[
                "dinas perhubungan menertibkan juru parkir liar",
                "petugas memastikan karcis resmi selalu diberikan",
            ],
            a: &[
                "pembayaran parkir nontunai",
                "kantong parkir di sekitar pasar",
            ],
            i: &[
                "tarif parkir resmi di tepi jalan umum",
                "titik parkir resmi di pusat kota",
            ],
            s: &["penarikan retribusi parkir", "penunjukan juru parkir"],
            j: &["pengadaan mesin parkir", "pembangunan gedung parkir"],
            t: &["parkir", "transportasi"],
        },
        "lalu_lintas" => &Frag {
            loc: true,
            p: &[
                "rambu lalu lintas hilang di persimpangan",
                "lampu lalu lintas mati",
                "marka jalan sudah pudar",
                "tidak ada zebra cross di depan sekolah",
            ],
            d: &[
                "Sudah beberapa kali terjadi kecelakaan di persimpangan tersebut.",
                "Kemacetan panjang terjadi setiap pagi dan sore.",
                "Anak sekolah kesulitan menyeberang karena kendaraan melaju kencang.",
            ],
            w: &["pengendara", "siswa"],
            k: &["dinas perhubungan", "pos polisi terdekat"],
            r: &[
                "dinas perhubungan memasang kembali rambu dan memperbaiki lampu lalu lintas",
                "petugas mengatur lalu lintas pada jam sibuk",
            ],
            a: &[
                "pemasangan pita penggaduh dan rambu hati-hati",
                "pembuatan zebra cross dan lampu penyeberangan",
            ],
            i: &[
                "prosedur pengajuan pemasangan rambu lalu lintas",
                "rencana rekayasa lalu lintas di wilayah kami",
            ],
            s: &[
                "pengurusan analisis dampak lalu lintas",
                "pemasangan rambu lalu lintas",
            ],
            j: &[
                "pengadaan lampu lalu lintas",
                "pemasangan rambu dan marka jalan",
            ],
            t: &["lalu-lintas", "rambu"],
        },
        "kereta" => &Frag {
            loc: false,
            p: &[
                "jadwal kereta sering terlambat",
                "perlintasan kereta tanpa palang pintu",
                "kereta komuter sangat penuh pada jam sibuk",
                "fasilitas stasiun rusak dan tidak diperbaiki",
            ],
            d: &[
                "Penumpang berdesakan hingga ada yang pingsan.",
                "Warga sering nyaris tertabrak di perlintasan.",
                "Lift dan eskalator stasiun sering mati sehingga menyulitkan lansia.",
            ],
            w: &["penumpang", "warga"],
            k: &["petugas stasiun", "layanan pelanggan operator kereta"],
            r: &[
                "operator kereta menambah perjalanan pada jam sibuk",
                "perlintasan dilengkapi palang pintu dan penjaga",
            ],
            a: &[
                "penambahan jadwal kereta pagi",
                "jembatan penyeberangan di stasiun",
            ],
            i: &[
                "jadwal dan tarif kereta lokal",
                "rencana penutupan perlintasan sebidang",
            ],
            s: &["penjualan tiket kereta", "penjagaan perlintasan"],
            j: &["pembangunan palang pintu perlintasan", "renovasi stasiun"],
            t: &["kereta", "transportasi"],
        },
        "kir" => &Frag {
            loc: false,
            p: &[
                "pelayanan uji KIR dipersulit",
                "calo berkeliaran di tempat uji KIR",
                "biaya uji KIR tidak sesuai tarif resmi",
                "antrean uji KIR sangat lama",
            ],
            d: &[
                "Kendaraan yang tidak diuji bisa lulus jika melalui calo.",
                "Kami diminta membayar biaya tambahan tanpa kuitansi.",
                "Alat uji sering dinyatakan rusak sehingga kami harus kembali esok hari.",
            ],
            w: &["pemilik kendaraan", "sopir"],
            k: &["petugas uji", "dinas perhubungan"],
            r: &[
                "dinas perhubungan menertibkan calo dan mengumumkan tarif resmi",
                "proses pengujian dibuat transparan",
            ],
            a: &[
                "pendaftaran uji KIR daring",
                "pengumuman tarif resmi di loket uji",
            ],
            i: &[
                "tarif resmi dan syarat uji KIR",
                "jadwal pelayanan uji kendaraan",
            ],
            s: &["pengujian kendaraan bermotor", "penerbitan kartu uji"],
            j: &["pengadaan alat uji kendaraan", "pembangunan gedung uji KIR"],
            t: &["kir", "transportasi"],
        },
        // ---------------------------------------------------------------- sosial
        "bansos" => &Frag {
            loc: false,
            p: &[
                "bansos tidak tepat sasaran",
                "bantuan beras tidak diterima warga yang berhak",
                "bantuan sosial dipotong oleh oknum",
                "penyaluran BLT terlambat",
            ],
            d: &[
                "Ada warga mampu yang menerima, sementara lansia miskin justru tidak.",
                "Beras yang dibagikan kualitasnya buruk dan berkutu.",
                "Penerima diminta menyerahkan sebagian uang dengan alasan biaya transport.",
            ],
            w: &["keluarga penerima", "lansia"],
            k: &["kepala desa", "pendamping sosial"],
            r: &[
                "dinas sosial memverifikasi ulang data penerima bansos",
                "penyaluran bantuan diawasi agar tidak ada potongan",
            ],
            a: &[
                "pengumuman daftar penerima bansos secara terbuka",
                "musyawarah desa untuk pendataan ulang penerima bantuan",
            ],
            i: &[
                "kriteria dan jadwal penyaluran bansos",
                "cara mengajukan diri sebagai penerima bantuan",
            ],
            s: &["penyaluran bansos", "pendataan penerima bantuan"],
            j: &["pengadaan beras bansos", "pengadaan paket sembako"],
            t: &["bansos", "sosial"],
        },
        "dtks" => &Frag {
            loc: false,
            p: &[
                "keluarga miskin tidak masuk DTKS",
                "data DTKS tidak pernah diperbarui",
                "nama penerima yang sudah meninggal masih tercatat",
                "usulan masuk DTKS tidak diproses",
            ],
            d: &[
                "Keluarga kami sudah diusulkan melalui musyawarah desa dua kali.",
                "Akibatnya kami tidak bisa mendapat PBI JKN dan bantuan lain.",
                "Operator desa mengatakan data tidak bisa diubah dari desa.",
            ],
            w: &["keluarga", "kepala keluarga"],
            k: &["operator SIKS desa", "dinas sosial"],
            r: &[
                "dinas sosial memperbarui data dan memproses usulan kami",
                "data ganda dan warga yang meninggal segera dihapus",
            ],
            a: &[
                "verifikasi DTKS dari rumah ke rumah",
                "pengumuman berkala hasil pemutakhiran DTKS",
            ],
            i: &[
                "cara mengecek dan mendaftar DTKS",
                "jadwal pemutakhiran data DTKS",
            ],
            s: &["pengusulan data DTKS", "verifikasi DTKS"],
            j: &[
                "pengadaan aplikasi pendataan DTKS",
                "pemutakhiran data kemiskinan",
            ],
            t: &["dtks", "data-sosial"],
        },
        "pkh" => &Frag {
            loc: false,
            p: &[
                "bantuan PKH dihentikan tanpa pemberitahuan",
                "pendamping PKH diduga meminta uang",
                "saldo PKH di kartu berkurang",
                "PKH tahap ini tidak cair",
            ],
            d: &[
                "Kartu kami dipegang oleh orang lain dan tidak dikembalikan.",
                "Saat dicek di bank, saldo tidak sesuai pemberitahuan.",
                "Anak kami masih sekolah dan sangat membutuhkan bantuan ini.",
            ],
            w: &["keluarga penerima", "ibu rumah tangga"],
            k: &["pendamping PKH", "dinas sosial"],
            r: &[
                "dinas sosial memeriksa penyaluran PKH dan mengembalikan hak kami",
                "kartu penerima dikembalikan kepada pemiliknya",
            ],
            a: &[
                "pertemuan kelompok PKH yang lebih rutin",
                "pelatihan usaha bagi keluarga penerima PKH",
            ],
            i: &[
                "jadwal pencairan PKH tahap berikutnya",
                "alasan penghentian bantuan PKH",
            ],
            s: &["penyaluran dana PKH", "validasi penerima PKH"],
            j: &[
                "pengadaan mesin EDC penyaluran PKH",
                "pelatihan pendamping PKH",
            ],
            t: &["pkh", "sosial"],
        },
        "disabilitas" => &Frag {
            loc: false,
            p: &[
                "fasilitas umum tidak ramah penyandang disabilitas",
                "kursi roda bantuan tidak kunjung diberikan",
                "trotoar tanpa jalur pemandu tunanetra",
                "layanan publik tanpa juru bahasa isyarat",
            ],
            d: &[
                "Anak saya harus digendong untuk masuk kantor pelayanan.",
                "Pengajuan bantuan alat bantu sudah setahun tanpa kabar.",
                "Pintu masuk kantor layanan hanya dapat dicapai lewat tangga.",
            ],
            w: &["penyandang disabilitas", "keluarga"],
            k: &["dinas sosial", "kantor desa"],
            r: &[
                "pemerintah daerah menyediakan akses yang layak bagi penyandang disabilitas",
                "bantuan alat bantu segera disalurkan",
            ],
            a: &[
                "jalur landai di kantor pelayanan publik",
                "pelatihan kerja bagi penyandang disabilitas",
            ],
            i: &[
                "syarat bantuan alat bantu bagi penyandang disabilitas",
                "program pemberdayaan penyandang disabilitas",
            ],
            s: &[
                "penyaluran alat bantu disabilitas",
                "pendataan penyandang disabilitas",
            ],
            j: &["pengadaan kursi roda", "pembangunan jalur landai"],
            t: &["disabilitas", "sosial"],
        },
        "terlantar" => &Frag {
            loc: true,
            p: &[
                "ada lansia terlantar hidup sendirian",
                "orang dengan gangguan jiwa berkeliaran tanpa penanganan",
                "anak jalanan di persimpangan tidak ditangani",
                "gelandangan tidur di emperan toko",
            ],
            d: &[
                "Yang bersangkutan tidak memiliki keluarga dan kondisinya makin lemah.",
                "Warga khawatir karena beberapa kali terjadi keributan.",
                "Sudah berbulan-bulan tidak ada petugas yang datang.",
            ],
            w: &["warga", "lansia"],
            k: &["ketua RT", "dinas sosial"],
            r: &[
                "dinas sosial segera menjangkau dan memberikan penanganan",
                "petugas membawa yang bersangkutan ke panti atau fasilitas kesehatan",
            ],
            a: &[
                "rumah singgah bagi warga terlantar",
                "pendataan lansia yang tinggal sendiri",
            ],
            i: &[
                "prosedur melaporkan warga terlantar",
                "layanan panti sosial di daerah kami",
            ],
            s: &["penjangkauan warga terlantar", "penempatan di panti sosial"],
            j: &[
                "pembangunan rumah singgah",
                "pengadaan kebutuhan panti sosial",
            ],
            t: &["terlantar", "sosial"],
        },
        // ---------------------------------------------------------------- lingkungan
        "sampah" => &Frag {
            loc: true,
            p: &[
                "sampah tidak diangkut berhari-hari",
                "tumpukan sampah liar di pinggir jalan",
                "TPS penuh dan sampah meluber ke jalan",
                "sampah dibakar sembarangan",
            ],
            d: &[
                "Bau menyengat sampai ke rumah-rumah dan banyak lalat.",
                "Sampah menutup sebagian badan jalan dan saluran air.",
                "Asap pembakaran membuat anak-anak batuk.",
            ],
            w: &["kepala keluarga", "warga"],
            k: &["ketua RT", "petugas kebersihan"],
            r: &[
                "dinas lingkungan hidup segera mengangkut sampah dan menambah jadwal pengangkutan",
                "petugas menindak pembuang sampah sembarangan",
            ],
            a: &[
                "bank sampah di setiap RW",
                "penambahan tempat sampah terpilah",
            ],
            i: &[
                "jadwal pengangkutan sampah di wilayah kami",
                "besaran retribusi sampah rumah tangga",
            ],
            s: &["penarikan retribusi sampah", "pengangkutan sampah"],
            j: &["pengadaan truk sampah", "pembangunan TPS3R"],
            t: &["sampah", "lingkungan"],
        },
        "pencemaran_sungai" => &Frag {
            loc: false,
            p: &[
                "air sungai berubah warna dan berbau",
                "banyak ikan mati di sungai",
                "sungai dipenuhi sampah plastik",
                "limbah dibuang langsung ke sungai",
            ],
            d: &[
                "Warga yang mandi di sungai mengalami gatal-gatal.",
                "Sungai ini dipakai petani untuk mengairi sawah.",
                "Pembuangan limbah terjadi pada malam hari.",
            ],
            w: &["warga", "petani"],
            k: &["kepala desa", "dinas lingkungan hidup"],
            r: &[
                "dinas lingkungan hidup mengambil sampel air dan menindak pelakunya",
                "sungai segera dibersihkan dan diawasi",
            ],
            a: &[
                "pemasangan jaring sampah di hulu sungai",
                "patroli rutin di sepanjang sungai",
            ],
            i: &[
                "hasil uji kualitas air sungai",
                "prosedur pelaporan pencemaran sungai",
            ],
            s: &[
                "pengawasan pembuangan limbah",
                "pemberian izin pembuangan air limbah",
            ],
            j: &["normalisasi sungai", "pembangunan IPAL komunal"],
            t: &["pencemaran", "sungai"],
        },
        "limbah_industri" => &Frag {
            loc: false,
            p: &[
                "bau menyengat dari pabrik di dekat permukiman",
                "asap hitam pabrik masuk ke rumah warga",
                "limbah pabrik mencemari sumur warga",
                "debu dari pabrik mengotori rumah",
            ],
            d: &[
                "Bau paling kuat tercium malam hari sehingga warga sulit tidur.",
                "Air sumur warga menjadi keruh dan berminyak.",
                "Beberapa anak mengalami sesak napas.",
            ],
            w: &["kepala keluarga", "warga"],
            k: &["pihak pabrik", "dinas lingkungan hidup"],
            r: &[
                "dinas lingkungan hidup memeriksa izin lingkungan dan pengelolaan limbah pabrik",
                "pabrik diwajibkan memperbaiki pengolahan limbahnya",
            ],
            a: &[
                "pemantauan kualitas udara di sekitar kawasan industri",
                "sabuk hijau antara pabrik dan permukiman",
            ],
            i: &[
                "dokumen izin lingkungan pabrik",
                "hasil pengawasan terhadap pabrik di wilayah kami",
            ],
            s: &["penerbitan izin lingkungan", "pengawasan limbah industri"],
            j: &[
                "pembangunan IPAL kawasan industri",
                "pengadaan alat pemantau kualitas udara",
            ],
            t: &["limbah", "pencemaran"],
        },
        "karhutla" => &Frag {
            loc: false,
            p: &[
                "kebakaran lahan gambut di dekat permukiman",
                "pembakaran lahan untuk membuka kebun",
                "kabut asap tebal menyelimuti desa",
                "titik api belum dipadamkan",
            ],
            d: &[
                "Asap membuat anak-anak sesak napas dan sekolah diliburkan.",
                "Api merambat mendekati kebun warga.",
                "Jarak pandang sangat pendek pada pagi hari.",
            ],
            w: &["warga", "anak"],
            k: &["posko BPBD", "regu pemadam setempat"],
            r: &[
                "BPBD dan pihak terkait segera memadamkan api dan menindak pelaku pembakaran",
                "dibagikan masker dan dibuka posko kesehatan",
            ],
            a: &[
                "embung dan sumur bor untuk pemadaman",
                "pelatihan masyarakat peduli api",
            ],
            i: &[
                "status titik panas di wilayah kami",
                "cara membuka lahan tanpa membakar",
            ],
            s: &[
                "penanganan kebakaran lahan",
                "pemberian izin pembukaan lahan",
            ],
            j: &[
                "pengadaan peralatan pemadam kebakaran lahan",
                "pembangunan sumur bor pemadaman",
            ],
            t: &["karhutla", "asap"],
        },
        "pohon" => &Frag {
            loc: true,
            p: &[
                "pohon besar rawan tumbang di tepi jalan",
                "dahan pohon mengenai kabel listrik",
                "taman kota tidak terawat",
                "pohon peneduh ditebang tanpa pemberitahuan",
            ],
            d: &[
                "Beberapa dahan sudah patah saat angin kencang.",
                "Taman dipenuhi sampah dan lampunya mati.",
                "Pohon yang ditebang tidak diganti dengan yang baru.",
            ],
            w: &["pengendara", "warga"],
            k: &["dinas lingkungan hidup", "kantor kecamatan"],
            r: &[
                "petugas segera memangkas dahan yang rawan patah",
                "taman dirawat kembali secara rutin",
            ],
            a: &[
                "penanaman pohon peneduh di sepanjang jalan",
                "penambahan ruang terbuka hijau",
            ],
            i: &[
                "prosedur permohonan pemangkasan pohon",
                "rencana penataan taman kota",
            ],
            s: &["pemangkasan pohon", "izin penebangan pohon"],
            j: &["penataan taman kota", "pengadaan bibit pohon"],
            t: &["pohon", "rth"],
        },
        // ---------------------------------------------------------------- trantibum
        "pkl" => &Frag {
            loc: true,
            p: &[
                "pedagang kaki lima berjualan di trotoar",
                "lapak PKL menutup akses jalan",
                "penertiban PKL dilakukan tanpa pemberitahuan",
                "PKL membuang sampah ke saluran air",
            ],
            d: &[
                "Pejalan kaki terpaksa berjalan di badan jalan.",
                "Kemacetan terjadi setiap sore karena lapak memakan jalan.",
                "Barang dagangan diangkut tanpa berita acara.",
            ],
            w: &["pejalan kaki", "pedagang"],
            k: &["satpol PP", "kantor kecamatan"],
            r: &[
                "pemerintah daerah menata PKL di lokasi yang layak",
                "penertiban dilakukan secara manusiawi dan terjadwal",
            ],
            a: &[
                "pusat kuliner untuk relokasi PKL",
                "pengaturan jam berjualan PKL",
            ],
            i: &[
                "lokasi resmi berjualan PKL",
                "prosedur pengambilan barang hasil penertiban",
            ],
            s: &["penertiban PKL", "penyewaan lapak"],
            j: &["pembangunan sentra PKL", "pengadaan gerobak PKL"],
            t: &["pkl", "ketertiban"],
        },
        "kebisingan" => &Frag {
            loc: true,
            p: &[
                "suara bising dari tempat hiburan malam",
                "balap liar setiap malam",
                "hajatan menutup jalan tanpa izin",
                "pengeras suara dinyalakan sampai larut malam",
            ],
            d: &[
                "Warga tidak bisa beristirahat sampai dini hari.",
                "Bayi dan lansia sangat terganggu.",
                "Sudah ditegur baik-baik tetapi tidak diindahkan.",
            ],
            w: &["kepala keluarga", "warga"],
            k: &["ketua RT", "polsek setempat"],
            r: &[
                "satpol PP menertibkan kegiatan tersebut",
                "aparat berpatroli pada malam hari",
            ],
            a: &[
                "patroli rutin pada malam akhir pekan",
                "aturan jam operasional tempat hiburan",
            ],
            i: &[
                "aturan jam operasional tempat hiburan",
                "prosedur izin penutupan jalan untuk hajatan",
            ],
            s: &["pemberian izin keramaian", "perizinan tempat hiburan"],
            j: &[
                "pengadaan pos pantau ketertiban",
                "pengadaan CCTV lingkungan",
            ],
            t: &["kebisingan", "ketertiban"],
        },
        "bangunan_liar" => &Frag {
            loc: true,
            p: &[
                "bangunan tanpa izin berdiri di atas saluran",
                "bangunan didirikan di sempadan sungai",
                "ruko dibangun melanggar garis sempadan jalan",
                "bangunan bertingkat tanpa PBG",
            ],
            d: &[
                "Bangunan itu menutup aliran air sehingga lingkungan sekitar sering tergenang.",
                "Pembangunan terus berjalan meski sudah ditegur warga.",
                "Akses jalan warga menyempit karena bangunan tersebut.",
            ],
            w: &["kepala keluarga", "warga"],
            k: &["ketua RT", "satpol PP"],
            r: &[
                "dinas terkait memeriksa perizinan bangunan tersebut",
                "bangunan yang melanggar ditertibkan sesuai aturan",
            ],
            a: &[
                "pengawasan rutin bangunan di sempadan sungai",
                "papan informasi izin pada setiap bangunan baru",
            ],
            i: &[
                "status izin PBG bangunan di lingkungan kami",
                "aturan garis sempadan bangunan",
            ],
            s: &["penerbitan PBG", "penertiban bangunan"],
            j: &[
                "pembongkaran bangunan liar",
                "pengadaan sistem perizinan bangunan",
            ],
            t: &["bangunan-liar", "perizinan"],
        },
        "reklame" => &Frag {
            loc: true,
            p: &[
                "spanduk liar dipasang di pohon dan tiang listrik",
                "papan reklame miring dan hampir roboh",
                "baliho menutupi rambu lalu lintas",
                "reklame tanpa izin dipasang di trotoar",
            ],
            d: &[
                "Pengendara tidak bisa melihat rambu karena tertutup baliho.",
                "Angin kencang membuat papan reklame bergoyang.",
                "Spanduk bekas dibiarkan robek dan menjadi sampah.",
            ],
            w: &["pengendara", "pejalan kaki"],
            k: &["satpol PP", "kantor kecamatan"],
            r: &[
                "satpol PP menurunkan reklame tanpa izin",
                "papan reklame yang membahayakan segera dibongkar",
            ],
            a: &[
                "penataan titik reklame",
                "larangan memasang spanduk di pohon",
            ],
            i: &[
                "titik resmi pemasangan reklame",
                "prosedur izin pemasangan spanduk",
            ],
            s: &["perizinan reklame", "penarikan pajak reklame"],
            j: &[
                "pembangunan papan reklame milik pemda",
                "penertiban reklame",
            ],
            t: &["reklame", "ketertiban"],
        },
        "premanisme" => &Frag {
            loc: true,
            p: &[
                "pungutan jalanan oleh sekelompok orang",
                "preman meminta uang keamanan kepada pedagang",
                "sopir dipalak di persimpangan",
                "pungutan liar di pintu masuk kawasan wisata",
            ],
            d: &[
                "Pedagang yang menolak membayar diancam.",
                "Pungutan dilakukan setiap hari dengan jumlah yang terus naik.",
                "Warga takut melapor langsung karena khawatir diintimidasi.",
            ],
            w: &["pedagang", "sopir"],
            k: &["ketua RT", "polsek setempat"],
            r: &[
                "aparat penegak hukum menindak pungutan tersebut",
                "dilakukan patroli rutin di lokasi",
            ],
            a: &[
                "pos keamanan terpadu di kawasan pasar",
                "patroli bersama warga dan aparat",
            ],
            i: &[
                "cara melaporkan pungutan liar dengan aman",
                "pungutan resmi yang berlaku di kawasan kami",
            ],
            s: &["pengelolaan kawasan wisata", "penarikan retribusi pasar"],
            j: &["pengadaan CCTV kawasan publik", "pembangunan pos keamanan"],
            t: &["premanisme", "pungli"],
        },
        // ---------------------------------------------------------------- energi
        "listrik" => &Frag {
            loc: false,
            p: &[
                "listrik sering padam tanpa pemberitahuan",
                "tegangan listrik naik turun dan merusak alat elektronik",
                "tiang listrik miring membahayakan warga",
                "pemasangan sambungan listrik baru tidak kunjung dilayani",
            ],
            d: &[
                "Pemadaman bisa terjadi tiga sampai empat kali dalam seminggu.",
                "Usaha kecil warga seperti penjahit dan penggilingan terhenti.",
                "Kulkas dan televisi beberapa warga rusak setelah tegangan naik.",
            ],
            w: &["pelanggan", "pelaku usaha"],
            k: &["kantor unit layanan PLN", "layanan pelanggan PLN"],
            r: &[
                "PLN memperbaiki jaringan dan memberi jadwal pemeliharaan yang jelas",
                "petugas segera menegakkan tiang yang miring",
            ],
            a: &[
                "penambahan gardu distribusi di wilayah kami",
                "informasi jadwal pemadaman yang lebih awal",
            ],
            i: &[
                "jadwal pemeliharaan jaringan listrik di wilayah kami",
                "prosedur dan biaya pasang baru listrik",
            ],
            s: &[
                "pemasangan sambungan listrik baru",
                "penambahan daya listrik",
            ],
            j: &[
                "pembangunan jaringan listrik desa",
                "pengadaan trafo distribusi",
            ],
            t: &["listrik", "pln"],
        },
        "lpg" => &Frag {
            loc: false,
            p: &[
                "elpiji tiga kilogram langka",
                "harga elpiji melon di pengecer jauh di atas HET",
                "pangkalan elpiji menjual ke pengecer lebih dulu",
                "tabung elpiji berisi kurang dari takaran",
            ],
            d: &[
                "Warga harus berkeliling ke beberapa pangkalan untuk mendapat satu tabung.",
                "Pedagang makanan kecil terpaksa berhenti berjualan.",
                "Pangkalan menolak melayani warga dengan alasan stok habis.",
            ],
            w: &["kepala keluarga", "pedagang kecil"],
            k: &["pemilik pangkalan", "kantor desa"],
            r: &[
                "pihak terkait mengawasi penyaluran elpiji bersubsidi",
                "pangkalan yang melanggar diberi sanksi",
            ],
            a: &[
                "penambahan pangkalan elpiji di desa kami",
                "pendataan pembeli elpiji bersubsidi yang tepat",
            ],
            i: &[
                "harga eceran tertinggi elpiji tiga kilogram",
                "daftar pangkalan resmi di wilayah kami",
            ],
            s: &[
                "penyaluran elpiji bersubsidi",
                "pemberian izin pangkalan elpiji",
            ],
            j: &[
                "pengadaan tabung elpiji untuk nelayan",
                "pembagian paket konversi elpiji",
            ],
            t: &["lpg", "energi"],
        },
        "bbm" => &Frag {
            loc: false,
            p: &[
                "antrean solar di SPBU sangat panjang",
                "SPBU melayani pembelian pertalite dengan jeriken",
                "takaran BBM di SPBU diduga tidak sesuai",
                "BBM bersubsidi habis sejak pagi",
            ],
            d: &[
                "Antrean truk sampai ke badan jalan dan mengganggu lalu lintas.",
                "Kami melihat pengisian ke jeriken dalam jumlah besar pada malam hari.",
                "Nelayan tidak bisa melaut karena solar tidak tersedia.",
            ],
            w: &["pengendara", "nelayan"],
            k: &["pengawas SPBU", "layanan pelanggan"],
            r: &[
                "pihak terkait memeriksa penyaluran BBM di SPBU tersebut",
                "takaran pompa BBM ditera ulang",
            ],
            a: &[
                "jalur khusus antrean kendaraan angkutan",
                "SPBU nelayan di dekat pelabuhan",
            ],
            i: &[
                "aturan pembelian BBM bersubsidi",
                "jadwal pasokan BBM ke SPBU di wilayah kami",
            ],
            s: &[
                "penyaluran BBM bersubsidi",
                "pemberian rekomendasi pembelian solar",
            ],
            j: &["pembangunan SPBU nelayan", "pengadaan BBM kendaraan dinas"],
            t: &["bbm", "spbu"],
        },
        "tambang" => &Frag {
            loc: false,
            p: &[
                "tambang pasir tanpa izin di tepi sungai",
                "galian C liar merusak jalan desa",
                "lubang bekas tambang dibiarkan terbuka",
                "truk tambang melintas tanpa penutup muatan",
            ],
            d: &[
                "Tebing sungai mulai longsor dan mendekati rumah warga.",
                "Jalan desa hancur karena dilalui truk bermuatan berat.",
                "Lubang bekas tambang berisi air dan sangat berbahaya bagi anak-anak.",
            ],
            w: &["kepala keluarga", "warga"],
            k: &["kepala desa", "polsek setempat"],
            r: &[
                "dinas terkait memeriksa izin tambang dan menghentikan kegiatan ilegal",
                "lubang bekas tambang segera direklamasi",
            ],
            a: &[
                "pengawasan bersama warga terhadap kegiatan tambang",
                "reklamasi lahan bekas tambang menjadi kebun",
            ],
            i: &[
                "status izin tambang di desa kami",
                "aturan jam operasional truk tambang",
            ],
            s: &[
                "penerbitan izin pertambangan",
                "pengawasan kegiatan tambang",
            ],
            j: &[
                "reklamasi lahan bekas tambang",
                "perbaikan jalan rusak akibat tambang",
            ],
            t: &["tambang-ilegal", "lingkungan"],
        },
        // ---------------------------------------------------------------- ekonomi
        "pbb" => &Frag {
            loc: false,
            p: &[
                "tagihan PBB naik berlipat tanpa penjelasan",
                "SPPT PBB tidak pernah diterima",
                "nama pada SPPT PBB tidak sesuai pemilik",
                "PBB yang sudah dibayar masih tercatat menunggak",
            ],
            d: &[
                "Kenaikan mencapai lebih dari dua kali lipat dibanding tahun lalu.",
                "Kami tetap membayar setiap tahun dan punya bukti pembayarannya.",
                "Petugas desa mengatakan perubahan data harus diurus ke kantor pajak daerah.",
            ],
            w: &["wajib pajak", "pemilik rumah"],
            k: &["petugas pemungut desa", "kantor pajak daerah"],
            r: &[
                "badan pendapatan daerah meninjau ulang ketetapan PBB kami",
                "data pembayaran kami diperbaiki",
            ],
            a: &[
                "pembayaran PBB melalui aplikasi",
                "keringanan PBB bagi lansia berpenghasilan rendah",
            ],
            i: &[
                "cara mengajukan keberatan atas nilai PBB",
                "cara mengecek tunggakan PBB",
            ],
            s: &["penerbitan SPPT PBB", "pengurusan balik nama SPPT"],
            j: &[
                "pemutakhiran data objek pajak",
                "pengadaan aplikasi pajak daerah",
            ],
            t: &["pbb", "pajak-daerah"],
        },
        "umkm" => &Frag {
            loc: false,
            p: &[
                "pengurusan NIB untuk usaha kecil dipersulit",
                "izin edar PIRT tidak kunjung terbit",
                "bantuan modal UMKM tidak sampai ke pelaku usaha",
                "pelatihan UMKM hanya untuk kelompok tertentu",
            ],
            d: &[
                "Kami sudah mengikuti semua tahapan tetapi status permohonan tidak berubah.",
                "Tanpa izin tersebut produk kami tidak bisa masuk ke toko modern.",
                "Daftar penerima bantuan tidak pernah diumumkan.",
            ],
            w: &["pelaku usaha", "pedagang kecil"],
            k: &["dinas koperasi dan UMKM", "pendamping UMKM"],
            r: &[
                "dinas terkait membantu menyelesaikan perizinan kami",
                "penyaluran bantuan UMKM dibuat terbuka",
            ],
            a: &[
                "klinik konsultasi perizinan UMKM di kecamatan",
                "pameran produk UMKM rutin",
            ],
            i: &[
                "syarat pengurusan PIRT dan NIB",
                "program bantuan modal usaha tahun ini",
            ],
            s: &["pengurusan izin PIRT", "penyaluran bantuan modal UMKM"],
            j: &[
                "pengadaan peralatan usaha untuk UMKM",
                "pelatihan pemasaran digital UMKM",
            ],
            t: &["umkm", "perizinan"],
        },
        "pasar" => &Frag {
            loc: false,
            p: &[
                "atap los pasar tradisional bocor",
                "pasar tradisional becek dan kumuh",
                "retribusi pasar naik tanpa sosialisasi",
                "pembagian kios pasar baru tidak adil",
            ],
            d: &[
                "Pembeli enggan datang sehingga dagangan tidak laku.",
                "Pedagang lama tidak mendapat kios padahal sudah puluhan tahun berjualan.",
                "Saluran air pasar tersumbat dan menimbulkan bau.",
            ],
            w: &["pedagang", "pembeli"],
            k: &["kepala pasar", "dinas perdagangan"],
            r: &[
                "dinas perdagangan memperbaiki sarana pasar",
                "pembagian kios diulang secara terbuka",
            ],
            a: &[
                "revitalisasi pasar tradisional",
                "pengelolaan sampah pasar yang lebih baik",
            ],
            i: &[
                "besaran retribusi resmi pasar",
                "mekanisme pembagian kios pasar baru",
            ],
            s: &["penarikan retribusi pasar", "pembagian kios pasar"],
            j: &["revitalisasi pasar tradisional", "pembangunan los pasar"],
            t: &["pasar", "perdagangan"],
        },
        "pinjol" => &Frag {
            loc: false,
            p: &[
                "penagihan pinjaman online disertai ancaman",
                "data pribadi disebar oleh pinjaman online ilegal",
                "bunga pinjaman online jauh melebihi kesepakatan",
                "nama saya dipakai orang lain untuk pinjaman online",
            ],
            d: &[
                "Penagih menghubungi seluruh kontak di telepon saya dan menyebarkan fitnah.",
                "Saya tidak pernah mengajukan pinjaman tetapi terus ditagih.",
                "Utang awal yang kecil membengkak dalam beberapa minggu.",
            ],
            w: &["korban", "warga"],
            k: &[
                "layanan konsumen penyedia pinjaman",
                "kantor polisi terdekat",
            ],
            r: &[
                "pihak berwenang menindak aplikasi tersebut dan menghentikan teror penagihan",
                "data pribadi saya dihapus dari aplikasi tersebut",
            ],
            a: &[
                "edukasi bahaya pinjaman online ilegal di sekolah dan desa",
                "kanal pengaduan pinjaman online yang mudah diakses",
            ],
            i: &[
                "cara mengecek legalitas aplikasi pinjaman online",
                "prosedur melaporkan penagihan yang tidak beretika",
            ],
            s: &[
                "penanganan pengaduan konsumen pinjaman",
                "pemblokiran aplikasi pinjaman ilegal",
            ],
            j: &[
                "pengadaan sistem pengaduan konsumen keuangan",
                "kampanye literasi keuangan",
            ],
            t: &["pinjol", "perlindungan-konsumen"],
        },
        "kur" => &Frag {
            loc: false,
            p: &[
                "pengajuan KUR ditolak tanpa alasan jelas",
                "bank meminta agunan tambahan untuk KUR kecil",
                "pencairan KUR dipotong biaya tidak resmi",
                "bunga KUR tidak sesuai ketentuan",
            ],
            d: &[
                "Usaha kami sudah berjalan lebih dari dua tahun dan tidak punya tunggakan.",
                "Petugas bank menyarankan kami mengambil kredit komersial.",
                "Potongan itu tidak tercantum dalam perjanjian kredit.",
            ],
            w: &["pelaku usaha", "petani"],
            k: &["kantor cabang bank penyalur", "pendamping UMKM"],
            r: &[
                "bank penyalur meninjau kembali pengajuan KUR kami",
                "potongan yang tidak resmi dikembalikan",
            ],
            a: &[
                "sosialisasi syarat KUR di tingkat desa",
                "pendampingan penyusunan proposal KUR",
            ],
            i: &[
                "syarat pengajuan KUR tanpa agunan",
                "besaran bunga KUR tahun ini",
            ],
            s: &["pencairan KUR", "penilaian kelayakan KUR"],
            j: &[
                "penyaluran subsidi bunga KUR",
                "pengadaan sistem informasi kredit program",
            ],
            t: &["kur", "kredit-usaha"],
        },
        // ---------------------------------------------------------------- pertanahan
        "sertifikat" => &Frag {
            loc: false,
            p: &[
                "sertifikat tanah PTSL belum diterima",
                "pengurusan sertifikat tanah berlarut-larut",
                "biaya PTSL melebihi ketentuan",
                "data pada sertifikat tanah salah tulis",
            ],
            d: &[
                "Pengukuran sudah dilakukan lebih dari setahun yang lalu.",
                "Panitia desa meminta biaya tambahan tanpa rincian.",
                "Kami sudah berkali-kali datang ke kantor pertanahan tanpa kepastian.",
            ],
            w: &["pemilik tanah", "kepala keluarga"],
            k: &["panitia PTSL desa", "kantor pertanahan"],
            r: &[
                "kantor pertanahan memberi kepastian waktu penyerahan sertifikat",
                "biaya yang dipungut di luar ketentuan dikembalikan",
            ],
            a: &[
                "loket layanan pertanahan keliling di kecamatan",
                "pengumuman daftar sertifikat yang sudah jadi",
            ],
            i: &[
                "biaya resmi PTSL di desa kami",
                "status permohonan sertifikat tanah kami",
            ],
            s: &["pengurusan sertifikat PTSL", "balik nama sertifikat tanah"],
            j: &[
                "pengukuran bidang tanah PTSL",
                "pengadaan blangko sertifikat",
            ],
            t: &["sertifikat-tanah", "pertanahan"],
        },
        "sengketa_tanah" => &Frag {
            loc: false,
            p: &[
                "tanah warisan kami diklaim pihak lain",
                "terbit sertifikat ganda atas tanah yang sama",
                "lahan warga diserobot perusahaan",
                "batas tanah bersengketa dengan tetangga",
            ],
            d: &[
                "Kami memiliki surat-surat yang lengkap sejak orang tua kami.",
                "Pihak lain tiba-tiba memasang pagar di atas lahan kami.",
                "Mediasi di tingkat desa belum menghasilkan penyelesaian.",
            ],
            w: &["kepala keluarga", "ahli waris"],
            k: &["kepala desa", "kantor pertanahan"],
            r: &[
                "kantor pertanahan memfasilitasi mediasi dan memeriksa riwayat tanah",
                "penerbitan sertifikat ganda ditelusuri",
            ],
            a: &[
                "layanan mediasi sengketa tanah di kecamatan",
                "pemetaan batas tanah desa secara partisipatif",
            ],
            i: &[
                "prosedur penanganan sengketa tanah",
                "cara mengecek keabsahan sertifikat tanah",
            ],
            s: &[
                "penanganan sengketa pertanahan",
                "penerbitan surat keterangan tanah",
            ],
            j: &[
                "pemetaan bidang tanah desa",
                "pengadaan sistem informasi pertanahan",
            ],
            t: &["sengketa-tanah", "pertanahan"],
        },
        "pengukuran" => &Frag {
            loc: false,
            p: &[
                "pengukuran tanah tidak kunjung dijadwalkan",
                "hasil pengukuran tanah berbeda dengan luas sebenarnya",
                "patok batas tanah dipindahkan orang",
                "petugas ukur meminta biaya transport",
            ],
            d: &[
                "Permohonan pengukuran sudah kami ajukan beberapa bulan lalu.",
                "Luas dalam gambar ukur lebih kecil dari luas pada akta jual beli.",
                "Tetangga tidak mau diajak menentukan batas bersama.",
            ],
            w: &["pemilik tanah", "warga"],
            k: &["kantor pertanahan", "kepala desa"],
            r: &[
                "kantor pertanahan menjadwalkan pengukuran ulang",
                "patok batas dipasang kembali dengan disaksikan pihak terkait",
            ],
            a: &[
                "jadwal pengukuran yang diumumkan terbuka",
                "pengukuran bersama tetangga berbatasan",
            ],
            i: &[
                "biaya resmi pengukuran tanah",
                "prosedur pengukuran ulang batas tanah",
            ],
            s: &["pengukuran bidang tanah", "pengembalian batas tanah"],
            j: &["pengadaan alat ukur tanah", "pengukuran bidang tanah"],
            t: &["pengukuran-tanah", "pertanahan"],
        },
        "ganti_rugi" => &Frag {
            loc: false,
            p: &[
                "ganti rugi lahan proyek belum dibayar",
                "nilai ganti rugi lahan jauh di bawah harga pasar",
                "tanaman dan bangunan tidak dihitung dalam ganti rugi",
                "musyawarah ganti rugi tidak melibatkan pemilik lahan",
            ],
            d: &[
                "Lahan kami sudah dipakai untuk proyek sejak tahun lalu.",
                "Kami tidak pernah diberi salinan hasil penilaian.",
                "Beberapa pemilik lahan sudah dibayar, sebagian lain belum.",
            ],
            w: &["pemilik lahan", "kepala keluarga"],
            k: &["panitia pengadaan tanah", "kantor pertanahan"],
            r: &[
                "panitia pengadaan tanah segera membayar ganti rugi sesuai hasil musyawarah",
                "penilaian ulang dilakukan secara terbuka",
            ],
            a: &[
                "musyawarah ganti rugi yang melibatkan seluruh pemilik lahan",
                "pendampingan hukum bagi warga terdampak proyek",
            ],
            i: &[
                "jadwal pembayaran ganti rugi lahan",
                "dasar perhitungan nilai ganti rugi",
            ],
            s: &[
                "pembayaran ganti rugi lahan",
                "inventarisasi lahan terdampak",
            ],
            j: &[
                "pengadaan tanah untuk jalan tol",
                "pengadaan tanah untuk bendungan",
            ],
            t: &["ganti-rugi", "pengadaan-tanah"],
        },
        // ---------------------------------------------------------------- ketenagakerjaan
        "upah" => &Frag {
            loc: false,
            p: &[
                "perusahaan membayar upah di bawah UMK",
                "THR tidak dibayarkan perusahaan",
                "gaji pekerja terlambat berbulan-bulan",
                "upah lembur tidak pernah dibayar",
            ],
            d: &[
                "Pekerja bekerja lebih dari delapan jam sehari tanpa tambahan upah.",
                "Pekerja yang bertanya justru diancam tidak diperpanjang kontraknya.",
                "THR hanya diberikan kepada sebagian pekerja tetap.",
            ],
            w: &["pekerja", "buruh"],
            k: &["bagian personalia perusahaan", "dinas tenaga kerja"],
            r: &[
                "pengawas ketenagakerjaan memeriksa perusahaan tersebut",
                "hak upah dan THR pekerja segera dibayarkan",
            ],
            a: &[
                "posko pengaduan THR menjelang hari raya",
                "pengawasan upah di perusahaan kecil",
            ],
            i: &[
                "besaran UMK tahun ini di daerah kami",
                "cara menghitung upah lembur",
            ],
            s: &[
                "pemeriksaan oleh pengawas ketenagakerjaan",
                "penyelesaian perselisihan upah",
            ],
            j: &[
                "pelatihan pengawas ketenagakerjaan",
                "pengadaan aplikasi wajib lapor ketenagakerjaan",
            ],
            t: &["upah", "thr", "ketenagakerjaan"],
        },
        "phk" => &Frag {
            loc: false,
            p: &[
                "PHK sepihak tanpa pesangon",
                "pekerja dirumahkan tanpa kejelasan",
                "perusahaan tutup tanpa membayar hak pekerja",
                "pekerja dipaksa mengundurkan diri",
            ],
            d: &[
                "Pekerja sudah bekerja lebih dari lima tahun di perusahaan tersebut.",
                "Surat PHK diberikan sehari sebelum berlaku.",
                "Perusahaan menolak bertemu perwakilan pekerja.",
            ],
            w: &["pekerja", "buruh"],
            k: &["manajemen perusahaan", "mediator dinas tenaga kerja"],
            r: &[
                "dinas tenaga kerja memfasilitasi mediasi dengan perusahaan",
                "hak pesangon pekerja dibayarkan sesuai aturan",
            ],
            a: &[
                "pelatihan ulang bagi korban PHK",
                "pendampingan hukum gratis bagi pekerja",
            ],
            i: &[
                "prosedur mediasi perselisihan PHK",
                "besaran pesangon sesuai aturan",
            ],
            s: &[
                "mediasi perselisihan hubungan industrial",
                "pencatatan perjanjian bersama",
            ],
            j: &[
                "pelatihan mediator hubungan industrial",
                "program padat karya bagi korban PHK",
            ],
            t: &["phk", "ketenagakerjaan"],
        },
        "bpjs_tk" => &Frag {
            loc: false,
            p: &[
                "iuran BPJS Ketenagakerjaan dipotong tetapi tidak disetor",
                "klaim JHT sulit dicairkan",
                "pekerja tidak didaftarkan BPJS Ketenagakerjaan",
                "klaim kecelakaan kerja ditolak",
            ],
            d: &[
                "Gaji kami dipotong setiap bulan untuk iuran tetapi saldo tidak bertambah.",
                "Berkas klaim dikembalikan berkali-kali dengan alasan berbeda.",
                "Pekerja yang kecelakaan harus membayar biaya berobat sendiri.",
            ],
            w: &["pekerja", "peserta"],
            k: &[
                "kantor cabang BPJS Ketenagakerjaan",
                "bagian personalia perusahaan",
            ],
            r: &[
                "BPJS Ketenagakerjaan memeriksa kepatuhan perusahaan",
                "klaim kami segera diproses",
            ],
            a: &[
                "layanan klaim JHT daring yang lebih mudah",
                "sosialisasi hak peserta BPJS Ketenagakerjaan",
            ],
            i: &[
                "syarat pencairan JHT",
                "cara mengecek setoran iuran oleh perusahaan",
            ],
            s: &[
                "pencairan klaim JHT",
                "pendaftaran peserta BPJS Ketenagakerjaan",
            ],
            j: &[
                "pengadaan sistem klaim daring",
                "sosialisasi jaminan sosial ketenagakerjaan",
            ],
            t: &["bpjs-ketenagakerjaan", "jht"],
        },
        "pmi" => &Frag {
            loc: false,
            p: &[
                "keluarga kami bekerja di luar negeri tanpa kabar",
                "calon pekerja migran dimintai biaya penempatan berlebihan",
                "pekerja migran tidak digaji majikan",
                "dokumen pekerja migran ditahan perusahaan penempatan",
            ],
            d: &[
                "Sudah beberapa bulan yang bersangkutan tidak bisa dihubungi.",
                "Perusahaan penempatan tidak menjawab pertanyaan keluarga.",
                "Kami khawatir yang bersangkutan diberangkatkan secara tidak resmi.",
            ],
            w: &["keluarga", "calon pekerja migran"],
            k: &["perusahaan penempatan", "dinas tenaga kerja"],
            r: &[
                "pihak berwenang menelusuri keberadaan keluarga kami",
                "perusahaan penempatan diperiksa",
            ],
            a: &[
                "sosialisasi jalur resmi bekerja ke luar negeri di desa",
                "layanan terpadu satu atap bagi calon pekerja migran",
            ],
            i: &[
                "prosedur resmi bekerja ke luar negeri",
                "cara mengecek izin perusahaan penempatan",
            ],
            s: &[
                "penempatan pekerja migran",
                "pengurusan dokumen calon pekerja migran",
            ],
            j: &[
                "pelatihan calon pekerja migran",
                "pembangunan balai latihan pekerja migran",
            ],
            t: &["pmi", "pekerja-migran"],
        },
        "pelatihan_kerja" => &Frag {
            loc: false,
            p: &[
                "pelatihan kerja di BLK tidak sesuai jadwal",
                "peserta pelatihan kerja tidak menerima uang saku",
                "sertifikat pelatihan kerja tidak diberikan",
                "pendaftaran pelatihan kerja hanya untuk orang dalam",
            ],
            d: &[
                "Pelatihan dibatalkan sehari sebelum dimulai tanpa alasan.",
                "Peralatan praktik rusak sehingga peserta hanya menonton.",
                "Kuota peserta sudah penuh sebelum pendaftaran dibuka.",
            ],
            w: &["peserta", "pencari kerja"],
            k: &["pengelola BLK", "dinas tenaga kerja"],
            r: &[
                "dinas tenaga kerja memperbaiki pengelolaan pelatihan",
                "hak peserta pelatihan segera diberikan",
            ],
            a: &[
                "pelatihan kerja sesuai kebutuhan industri setempat",
                "kelas pelatihan pada malam hari",
            ],
            i: &[
                "jadwal pendaftaran pelatihan kerja di BLK",
                "syarat mengikuti pelatihan kerja gratis",
            ],
            s: &[
                "penerimaan peserta pelatihan kerja",
                "penerbitan sertifikat pelatihan",
            ],
            j: &["pengadaan peralatan praktik BLK", "renovasi gedung BLK"],
            t: &["pelatihan-kerja", "blk"],
        },
        // ---------------------------------------------------------------- teknologi
        "sinyal" => &Frag {
            loc: false,
            p: &[
                "sinyal telepon seluler sangat lemah",
                "internet di desa kami putus-putus",
                "menara BTS sudah berdiri tetapi belum aktif",
                "desa kami belum terjangkau jaringan internet",
            ],
            d: &[
                "Anak-anak harus naik ke bukit untuk mengirim tugas sekolah.",
                "Pelaku usaha tidak bisa menerima pembayaran digital.",
                "Warga harus ke kecamatan hanya untuk menelepon keluarga.",
            ],
            w: &["warga", "pelajar"],
            k: &["layanan pelanggan operator", "dinas kominfo"],
            r: &[
                "dinas kominfo berkoordinasi dengan operator agar jaringan diperbaiki",
                "menara BTS di desa kami segera diaktifkan",
            ],
            a: &[
                "pembangunan menara BTS di desa kami",
                "titik internet gratis di balai desa",
            ],
            i: &[
                "rencana pembangunan BTS di wilayah kami",
                "program internet desa dari pemerintah",
            ],
            s: &[
                "pemberian izin menara telekomunikasi",
                "penyediaan akses internet desa",
            ],
            j: &["pembangunan menara BTS", "pengadaan internet desa"],
            t: &["sinyal", "internet"],
        },
        "aplikasi_layanan" => &Frag {
            loc: false,
            p: &[
                "aplikasi layanan publik sering galat",
                "situs layanan pemerintah daerah tidak bisa diakses",
                "kode OTP aplikasi layanan tidak pernah masuk",
                "permohonan daring tertahan tanpa status",
            ],
            d: &[
                "Kami sudah mencoba berhari-hari dengan perangkat yang berbeda.",
                "Petugas di loket meminta kami tetap mendaftar melalui aplikasi.",
                "Data yang sudah diisi hilang setiap kali aplikasi dibuka ulang.",
            ],
            w: &["pengguna", "pemohon"],
            k: &["layanan bantuan aplikasi", "petugas loket"],
            r: &[
                "pengelola aplikasi memperbaiki gangguan tersebut",
                "disediakan layanan manual selama aplikasi bermasalah",
            ],
            a: &[
                "panduan penggunaan aplikasi layanan dalam bentuk video",
                "loket pendampingan bagi warga yang kesulitan aplikasi",
            ],
            i: &[
                "jadwal pemeliharaan aplikasi layanan",
                "kanal bantuan teknis aplikasi layanan",
            ],
            s: &[
                "verifikasi akun aplikasi layanan",
                "pemrosesan permohonan daring",
            ],
            j: &[
                "pengembangan aplikasi layanan publik",
                "pengadaan server pusat data daerah",
            ],
            t: &["aplikasi", "layanan-digital"],
        },
        "penipuan_daring" => &Frag {
            loc: false,
            p: &[
                "penipuan jual beli daring",
                "penipuan dengan modus undangan APK palsu",
                "rekening saya dibobol setelah menerima tautan",
                "penipuan mengatasnamakan instansi pemerintah",
            ],
            d: &[
                "Uang sudah ditransfer tetapi barang tidak pernah dikirim.",
                "Pelaku mengaku sebagai petugas dan meminta kode OTP.",
                "Nomor pelaku masih aktif dan terus menipu orang lain.",
            ],
            w: &["korban", "warga"],
            k: &["bank tempat rekening saya", "kantor polisi terdekat"],
            r: &[
                "pihak berwenang memblokir nomor dan rekening pelaku",
                "laporan kami ditindaklanjuti oleh penegak hukum",
            ],
            a: &[
                "edukasi keamanan digital bagi warga lansia",
                "layanan pelaporan rekening penipu yang cepat",
            ],
            i: &[
                "cara melaporkan rekening penipu",
                "prosedur pemblokiran nomor penipu",
            ],
            s: &[
                "pemblokiran rekening penipuan",
                "penanganan laporan kejahatan siber",
            ],
            j: &[
                "pengadaan sistem pelaporan kejahatan siber",
                "kampanye literasi digital",
            ],
            t: &["penipuan-daring", "siber"],
        },
        // ---------------------------------------------------------------- perumahan
        "rtlh" => &Frag {
            loc: false,
            p: &[
                "rumah tidak layak huni belum mendapat bantuan",
                "bantuan bedah rumah tidak tepat sasaran",
                "material bantuan rumah tidak sesuai jumlah",
                "perbaikan rumah bantuan terhenti di tengah jalan",
            ],
            d: &[
                "Dinding rumah kami sudah retak dan atapnya bocor di banyak tempat.",
                "Rumah kami sudah difoto petugas dua tahun lalu tetapi tidak ada kelanjutan.",
                "Sebagian bahan bangunan yang dijanjikan tidak pernah datang.",
            ],
            w: &["kepala keluarga", "lansia"],
            k: &["kepala desa", "fasilitator program"],
            r: &[
                "dinas perumahan memverifikasi dan memasukkan rumah kami dalam program bantuan",
                "penyaluran material diperiksa",
            ],
            a: &[
                "pendataan ulang rumah tidak layak huni",
                "bantuan bedah rumah bagi lansia yang tinggal sendiri",
            ],
            i: &[
                "syarat penerima bantuan rumah tidak layak huni",
                "jadwal pelaksanaan program bedah rumah",
            ],
            s: &[
                "penyaluran bantuan bedah rumah",
                "pendataan rumah tidak layak huni",
            ],
            j: &[
                "pengadaan material bedah rumah",
                "rehabilitasi rumah tidak layak huni",
            ],
            t: &["rtlh", "perumahan"],
        },
        "psu" => &Frag {
            loc: true,
            p: &[
                "fasilitas umum perumahan belum diserahkan pengembang",
                "jalan perumahan rusak dan tidak dirawat",
                "taman dan fasilitas sosial perumahan dialihfungsikan",
                "saluran perumahan tidak tersambung ke drainase kota",
            ],
            d: &[
                "Pengembang sudah tidak bisa dihubungi sejak perumahan selesai dibangun.",
                "Warga iuran sendiri untuk menambal jalan, tetapi tidak cukup.",
                "Lahan yang dijanjikan untuk taman kini dibangun rumah.",
            ],
            w: &["kepala keluarga", "warga perumahan"],
            k: &["pengurus RW", "pengembang perumahan"],
            r: &[
                "pemerintah daerah menagih penyerahan fasilitas umum dari pengembang",
                "jalan perumahan diperbaiki",
            ],
            a: &[
                "percepatan serah terima fasilitas umum perumahan",
                "pembangunan taman bermain di perumahan",
            ],
            i: &[
                "status serah terima fasilitas umum perumahan kami",
                "kewajiban pengembang terhadap fasilitas umum",
            ],
            s: &[
                "serah terima fasilitas umum perumahan",
                "pemberian izin perumahan",
            ],
            j: &[
                "perbaikan jalan perumahan",
                "pembangunan fasilitas umum perumahan",
            ],
            t: &["psu", "perumahan"],
        },
        "sanitasi" => &Frag {
            loc: true,
            p: &[
                "septic tank komunal meluap",
                "warga masih buang air besar di sungai",
                "MCK umum rusak dan tidak terawat",
                "air limbah rumah tangga mengalir ke jalan",
            ],
            d: &[
                "Bau tidak sedap tercium di seluruh gang.",
                "Anak-anak sering terkena diare.",
                "Pengurasan terakhir dilakukan bertahun-tahun yang lalu.",
            ],
            w: &["kepala keluarga", "warga"],
            k: &["ketua RT", "sanitarian puskesmas"],
            r: &[
                "dinas terkait menguras dan memperbaiki septic tank komunal",
                "MCK umum diperbaiki dan diberi pengelola",
            ],
            a: &[
                "pembangunan IPAL komunal",
                "bantuan jamban sehat bagi keluarga kurang mampu",
            ],
            i: &[
                "layanan sedot tinja terjadwal",
                "program bantuan jamban sehat",
            ],
            s: &["layanan sedot tinja", "penyaluran bantuan jamban"],
            j: &["pembangunan IPAL komunal", "pembangunan MCK umum"],
            t: &["sanitasi", "air-limbah"],
        },
        // ---------------------------------------------------------------- bencana
        "banjir" => &Frag {
            loc: true,
            p: &[
                "banjir setinggi lutut setiap hujan deras",
                "tanggul sungai jebol dan air masuk permukiman",
                "pompa air pengendali banjir tidak berfungsi",
                "banjir rob menggenangi rumah warga",
            ],
            d: &[
                "Air baru surut setelah dua hari dan meninggalkan lumpur tebal.",
                "Perabot rumah warga rusak dan anak-anak tidak bisa sekolah.",
                "Setiap tahun kejadiannya berulang dan makin parah.",
            ],
            w: &["kepala keluarga", "rumah"],
            k: &["posko BPBD", "kantor kecamatan"],
            r: &[
                "BPBD dan dinas terkait segera memperbaiki tanggul dan saluran",
                "pompa air diperbaiki sebelum musim hujan",
            ],
            a: &["pembangunan kolam retensi", "peninggian tanggul sungai"],
            i: &[
                "peta rawan banjir di wilayah kami",
                "rencana penanganan banjir tahun ini",
            ],
            s: &[
                "penyaluran bantuan korban banjir",
                "pemeliharaan pompa banjir",
            ],
            j: &[
                "pembangunan tanggul sungai",
                "pengadaan pompa pengendali banjir",
            ],
            t: &["banjir", "bencana"],
        },
        "longsor" => &Frag {
            loc: true,
            p: &[
                "tebing longsor menutup jalan",
                "tanah retak dan rumah warga terancam longsor",
                "longsor susulan mengancam permukiman",
                "talud penahan tanah ambrol",
            ],
            d: &[
                "Retakan tanah makin lebar setiap kali hujan.",
                "Beberapa keluarga sudah mengungsi ke rumah kerabat.",
                "Material longsor belum dibersihkan sehingga jalan hanya bisa dilalui motor.",
            ],
            w: &["kepala keluarga", "warga"],
            k: &["posko BPBD", "kepala desa"],
            r: &[
                "BPBD segera mengkaji lokasi dan membersihkan material longsor",
                "dibangun talud penahan tanah",
            ],
            a: &[
                "pemasangan alat peringatan dini longsor",
                "penanaman vegetasi penahan tebing",
            ],
            i: &[
                "hasil kajian kerawanan longsor di desa kami",
                "prosedur relokasi warga di zona merah",
            ],
            s: &[
                "penyaluran bantuan korban longsor",
                "penanganan darurat longsor",
            ],
            j: &[
                "pembangunan talud penahan tanah",
                "pengadaan alat peringatan dini longsor",
            ],
            t: &["longsor", "bencana"],
        },
        "bantuan_bencana" => &Frag {
            loc: false,
            p: &[
                "bantuan korban bencana tidak merata",
                "dana stimulan rumah rusak belum cair",
                "logistik di posko pengungsian kurang",
                "data korban bencana tidak akurat",
            ],
            d: &[
                "Sebagian pengungsi belum menerima bantuan sama sekali.",
                "Rumah kami tercatat rusak ringan padahal rusak berat.",
                "Pengungsi anak dan lansia kekurangan selimut dan makanan.",
            ],
            w: &["pengungsi", "kepala keluarga"],
            k: &["posko BPBD", "kepala desa"],
            r: &[
                "BPBD memverifikasi ulang data korban",
                "penyaluran bantuan diawasi agar merata",
            ],
            a: &[
                "posko pengaduan di lokasi pengungsian",
                "pengumuman daftar penerima bantuan bencana",
            ],
            i: &[
                "jadwal pencairan dana stimulan rumah rusak",
                "kriteria kategori kerusakan rumah",
            ],
            s: &["penyaluran bantuan bencana", "pendataan kerusakan rumah"],
            j: &["pengadaan logistik bencana", "pembangunan hunian sementara"],
            t: &["bantuan-bencana", "bencana"],
        },
        // ---------------------------------------------------------------- agama
        "nikah" => &Frag {
            loc: false,
            p: &[
                "biaya nikah di KUA melebihi ketentuan",
                "buku nikah belum diterbitkan",
                "pendaftaran nikah dipersulit",
                "penghulu datang terlambat tanpa kabar",
            ],
            d: &[
                "Kami diminta membayar biaya tambahan tanpa kuitansi.",
                "Pernikahan sudah berlangsung beberapa bulan tetapi buku nikah belum kami terima.",
                "Berkas dikembalikan berulang kali dengan alasan yang berbeda.",
            ],
            w: &["pasangan", "calon pengantin"],
            k: &["petugas KUA", "kantor kementerian agama kabupaten"],
            r: &[
                "kantor kementerian agama memeriksa layanan KUA tersebut",
                "buku nikah kami segera diterbitkan",
            ],
            a: &[
                "pendaftaran nikah daring",
                "papan informasi biaya nikah resmi di KUA",
            ],
            i: &[
                "biaya resmi nikah di KUA dan di luar KUA",
                "syarat pendaftaran nikah",
            ],
            s: &["pendaftaran nikah", "penerbitan buku nikah"],
            j: &["renovasi gedung KUA", "pengadaan blangko buku nikah"],
            t: &["nikah", "kua"],
        },
        "madrasah" => &Frag {
            loc: false,
            p: &[
                "bantuan operasional madrasah terlambat",
                "gedung madrasah rusak berat",
                "guru madrasah swasta belum menerima tunjangan",
                "izin operasional pesantren tidak kunjung terbit",
            ],
            d: &[
                "Madrasah terpaksa meminjam uang untuk membayar listrik.",
                "Sebagian kelas tidak dipakai karena atapnya nyaris roboh.",
                "Berkas sudah diserahkan lengkap sejak tahun lalu.",
            ],
            w: &["santri", "siswa madrasah"],
            k: &["kepala madrasah", "kantor kementerian agama kabupaten"],
            r: &[
                "kantor kementerian agama mempercepat penyaluran bantuan",
                "gedung madrasah mendapat bantuan rehabilitasi",
            ],
            a: &[
                "bantuan rehabilitasi gedung madrasah",
                "pelatihan guru madrasah",
            ],
            i: &[
                "jadwal penyaluran bantuan operasional madrasah",
                "syarat izin operasional pesantren",
            ],
            s: &[
                "penyaluran bantuan madrasah",
                "penerbitan izin operasional pesantren",
            ],
            j: &["rehabilitasi gedung madrasah", "pengadaan buku madrasah"],
            t: &["madrasah", "pesantren"],
        },
        "rumah_ibadah" => &Frag {
            loc: false,
            p: &[
                "izin pendirian rumah ibadah dipersulit",
                "bantuan rehabilitasi rumah ibadah tidak sampai",
                "rumah ibadah rusak akibat bencana belum diperbaiki",
                "pengeras suara rumah ibadah terlalu keras pada dini hari",
            ],
            d: &[
                "Jemaah terpaksa beribadah di tenda darurat.",
                "Proposal bantuan sudah diajukan dua kali tanpa jawaban.",
                "Warga berharap ada penyelesaian yang baik dan rukun.",
            ],
            w: &["jemaah", "warga"],
            k: &["pengurus rumah ibadah", "forum kerukunan umat beragama"],
            r: &[
                "kementerian agama dan pemerintah daerah memfasilitasi penyelesaian",
                "bantuan rehabilitasi segera disalurkan",
            ],
            a: &[
                "bantuan rehabilitasi rumah ibadah",
                "dialog rutin forum kerukunan umat beragama",
            ],
            i: &[
                "syarat pendirian rumah ibadah",
                "prosedur pengajuan bantuan rumah ibadah",
            ],
            s: &[
                "penyaluran bantuan rumah ibadah",
                "rekomendasi pendirian rumah ibadah",
            ],
            j: &["rehabilitasi rumah ibadah", "pembangunan rumah ibadah"],
            t: &["rumah-ibadah", "keagamaan"],
        },
        _ => return None,
    })
}

/// The fragments of an unknown subtopic: a generic public-service complaint.
static GENERIC: Frag = Frag {
    loc: false,
    p: &[
        "pelayanan publik sangat lambat",
        "petugas layanan sulit ditemui",
        "informasi persyaratan layanan tidak jelas",
        "permohonan layanan tidak kunjung selesai",
    ],
    d: &[
        "Kami sudah datang beberapa kali tetapi selalu diminta kembali lagi.",
        "Tidak ada papan informasi tentang syarat dan lama layanan.",
        "Nomor telepon layanan yang tercantum tidak pernah diangkat.",
    ],
    w: &["warga", "pemohon"],
    k: &["petugas loket", "kantor kecamatan"],
    r: &[
        "instansi terkait memperbaiki pelayanannya",
        "permohonan kami segera diselesaikan",
    ],
    a: &[
        "standar pelayanan yang diumumkan di setiap loket",
        "layanan pengaduan yang mudah dihubungi",
    ],
    i: &[
        "syarat dan lama penyelesaian layanan",
        "standar pelayanan di kantor tersebut",
    ],
    s: &["pelayanan administrasi", "penerbitan surat keterangan"],
    j: &["renovasi kantor pelayanan", "pengadaan sistem antrean"],
    t: &["pelayanan-publik"],
};

// ---------------------------------------------------------------------------------------------
// Shared phrase tables
// ---------------------------------------------------------------------------------------------

static GREET: &[&str] = &[
    "Selamat pagi",
    "Selamat siang",
    "Selamat sore",
    "Selamat malam",
    "Assalamualaikum",
    "Salam sejahtera",
    "Dengan hormat",
    "Yth. Bapak/Ibu",
];
static WARGA: &[&str] = &[
    ", saya warga ",
    ", saya salah satu warga ",
    ", kami warga ",
    ", saya tinggal di ",
];
static OPEN: &[&str] = &[
    "ingin melaporkan ",
    "ingin menyampaikan keluhan soal ",
    "ingin mengadukan masalah ",
    "mengeluhkan ",
];
static SMALL: &[&str] = &["2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
static TIMES: &[&str] = &["2", "3", "4", "5"];
static UNITS: &[&str] = &["hari", "minggu", "bulan"];
static COUNT: &[&str] = &[
    "12", "15", "20", "25", "30", "35", "40", "45", "50", "60", "70", "80", "100", "120", "150",
    "200",
];
static AMOUNT: &[&str] = &[
    "50.000",
    "75.000",
    "100.000",
    "150.000",
    "200.000",
    "250.000",
    "300.000",
    "350.000",
    "500.000",
    "750.000",
    "1.000.000",
    "1.500.000",
    "2.000.000",
];
static REQ_OPEN: &[&str] = &[
    "Mohon ",
    "Kami berharap ",
    "Kami meminta agar ",
    "Besar harapan kami agar ",
];
static CLOSE: &[&str] = &[
    "Mohon segera ditindaklanjuti. Terima kasih.",
    "Atas perhatiannya kami ucapkan terima kasih.",
    "Terima kasih atas perhatian Bapak/Ibu.",
    "Mohon ditindaklanjuti, terima kasih.",
    "Terima kasih.",
];
static FILLER: &[&str] = &[
    "Kami berharap laporan ini dapat ditanggapi oleh instansi yang berwenang. ",
    "Kami siap memberikan keterangan tambahan bila diperlukan. ",
];
static ASP_OPEN: &[&str] = &[
    "ingin mengusulkan ",
    "ingin menyampaikan usulan berupa ",
    "ingin menyampaikan aspirasi agar ada ",
];
static FORUM: &[&str] = &[
    "musyawarah RT",
    "pertemuan warga",
    "musrenbang desa",
    "rapat karang taruna",
];
static ASP_ASK: &[&str] = &[
    "Mohon dipertimbangkan untuk dimasukkan dalam rencana kerja tahun depan. ",
    "Mohon dipertimbangkan oleh instansi terkait. ",
    "Kami siap bergotong royong bila usulan ini disetujui. ",
    "Mohon usulan ini dapat dipertimbangkan sesuai kemampuan anggaran. ",
];
static ASP_CLOSE: &[&str] = &[
    "Terima kasih.",
    "Terima kasih atas perhatiannya.",
    "Salam hormat.",
];
static QUESTION: &[&str] = &[
    "Apa saja persyaratannya dan berapa lama prosesnya? ",
    "Ke mana kami harus mengajukan, dan apakah ada biayanya? ",
    "Apakah ada jadwal atau tahapan yang bisa kami ikuti? ",
    "Kami belum menemukan informasi resmi di situs maupun kantor pelayanan setempat. ",
];
static INFO_CLOSE: &[&str] = &[
    "Terima kasih atas penjelasannya.",
    "Mohon dibalas melalui kanal ini. Terima kasih.",
    "Atas informasinya kami ucapkan terima kasih.",
];
static WBS_KIND: &[&str] = &[
    "pungutan liar",
    "pungli",
    "permintaan imbalan",
    "gratifikasi",
];
static WBS_REASON: &[&str] = &[
    "dengan alasan biaya administrasi",
    "sebagai uang percepatan",
    "dengan dalih uang operasional",
    "tanpa memberikan kuitansi resmi",
    "agar berkas diproses lebih dulu",
];
static WBS_FAVOR: &[&str] = &[
    "urusannya cepat selesai",
    "persyaratan tidak diperiksa ketat",
    "namanya didahulukan",
    "berkasnya tidak dipersulit",
];
static WBS_TO: &[&str] = &[
    "inspektorat daerah",
    "APIP",
    "atasan yang berwenang",
    "tim Saber Pungli",
];
static WBS_CLOSE: &[&str] = &[
    "Terima kasih.",
    "Terima kasih atas perhatiannya.",
    "Mohon laporan ini ditangani dengan hati-hati. Terima kasih.",
];
static IRREG: &[&str] = &[
    "Volume pekerjaan di lapangan tampak jauh lebih sedikit dari yang tertulis di papan proyek. ",
    "Material yang dipakai diduga di bawah spesifikasi dan sudah rusak dalam waktu singkat. ",
    "Papan informasi proyek tidak dipasang sehingga warga tidak tahu nilai kontrak dan pelaksananya. ",
    "Pemenang tender diduga sudah diatur sejak awal karena peserta lain digugurkan tanpa alasan jelas. ",
    "Pekerjaan berhenti dan terbengkalai padahal batas waktu kontrak sudah lewat. ",
    "Harga barang yang dibeli diduga jauh di atas harga pasar. ",
    "Pelaksana di lapangan diduga bukan perusahaan yang memenangkan tender. ",
    "Barang yang diterima jumlahnya kurang dari yang tercantum dalam berita acara. ",
];
static AUD_WHO: &[&str] = &[
    "inspektorat",
    "APIP",
    "pejabat pembuat komitmen",
    "instansi terkait",
];
static AUD_WHAT: &[&str] = &[
    "dokumen kontrak dan kondisi di lapangan",
    "pekerjaan ini sebelum serah terima",
    "proses pemilihan penyedianya",
];

// ---------------------------------------------------------------------------------------------
// Composer
// ---------------------------------------------------------------------------------------------

/// One random element of a non-empty static list ("" for an empty one).
fn pick<R: Rng + ?Sized>(rng: &mut R, list: &'static [&'static str]) -> &'static str {
    list.choose(rng).copied().unwrap_or("")
}

/// The place split into the pieces the templates need.
struct Loc<'a> {
    /// "Desa " or "Kelurahan " (empty when the village already carries it).
    vp: &'static str,
    village: &'a str,
    regency: &'a str,
    /// "Jl. " when the street comes without "Jl."/"Gg.".
    sp: &'static str,
    street: &'a str,
}

impl<'a> Loc<'a> {
    fn new(place: &Place<'a>) -> Self {
        let v = place.village;
        let vp =
            if v.starts_with("Desa ") || v.starts_with("Kelurahan ") || v.starts_with("Kampung ") {
                ""
            } else if place.regency.starts_with("Kota ") {
                "Kelurahan "
            } else {
                "Desa "
            };
        let s = place.street;
        let sp = if s.starts_with("Jl.") || s.starts_with("Gg.") || s.starts_with("Jalan ") {
            ""
        } else {
            "Jl. "
        };
        Loc {
            vp,
            village: v,
            regency: place.regency,
            sp,
            street: s,
        }
    }
}

fn total(parts: &[&str]) -> usize {
    parts.iter().map(|p| p.len()).sum()
}

/// Pushes `parts` with the first letter in upper case.
fn push_cap(s: &mut String, parts: &[&str]) {
    let mut first = true;
    for p in parts {
        if first && !p.is_empty() {
            let mut chars = p.chars();
            if let Some(c) = chars.next() {
                s.extend(c.to_uppercase());
            }
            s.push_str(chars.as_str());
            first = false;
        } else {
            s.push_str(p);
        }
    }
}

/// The title made of `parts` when its length is within bounds.
fn build_title(parts: &[&str]) -> Option<String> {
    let n = total(parts);
    if !(JUDUL_MIN..=JUDUL_MAX).contains(&n) {
        return None;
    }
    let mut s = String::with_capacity(n + 2);
    push_cap(&mut s, parts);
    Some(s)
}

/// Last resort: the parts joined, then padded or cut to the bounds.
fn forced_title(parts: &[&str]) -> String {
    let mut s = String::with_capacity(JUDUL_MAX + 4);
    push_cap(&mut s, parts);
    if s.len() < JUDUL_MIN {
        s.push_str(", mohon ditindaklanjuti");
    }
    while s.len() < JUDUL_MIN {
        s.push_str(" segera");
    }
    if s.chars().count() > JUDUL_MAX {
        let cut = s
            .char_indices()
            .nth(JUDUL_MAX)
            .map(|(i, _)| i)
            .unwrap_or(s.len());
        s.truncate(cut);
        if let Some(i) = s.rfind(' ') {
            s.truncate(i);
        }
        while s.len() < JUDUL_MIN {
            s.push('.');
        }
    }
    s
}

/// Title template `t` of a klasifikasi around `x` (problem, suggestion, information, service or
/// project phrase); `None` when the result would be too short or too long.
fn candidate(
    t: usize,
    k: Klasifikasi,
    loc: bool,
    x: &str,
    n: &str,
    unit: &str,
    l: &Loc,
) -> Option<String> {
    let (vp, v, reg, sp, st) = (l.vp, l.village, l.regency, l.sp, l.street);
    match k {
        Klasifikasi::Pengaduan if loc => {
            let di = at(x);
            match t {
                0 => build_title(&[x, di, sp, st, ", ", vp, v]),
                1 => build_title(&[x, di, vp, v, ", ", reg]),
                2 => build_title(&["sudah ", n, " ", unit, " ", x, di, sp, st]),
                3 => build_title(&["mohon perhatian, ", x, di, vp, v]),
                _ => build_title(&[x, di, sp, st, " belum ditangani"]),
            }
        }
        Klasifikasi::Pengaduan => match t {
            0 => build_title(&[x]),
            1 => build_title(&[x, " di ", reg]),
            2 => build_title(&["sudah ", n, " ", unit, " ", x]),
            3 => build_title(&["mohon bantuan, ", x]),
            _ => build_title(&["keluhan warga ", vp, v, ": ", x]),
        },
        Klasifikasi::Aspirasi => match t {
            0 => build_title(&["usulan ", x, " di ", vp, v]),
            1 if loc => build_title(&["usul ", x, " di ", sp, st]),
            1 => build_title(&["usul ", x, " untuk warga ", v]),
            2 => build_title(&["mohon dipertimbangkan ", x, " di ", reg]),
            3 => build_title(&["aspirasi warga ", vp, v, ": ", x]),
            _ => build_title(&["usulan ", x]),
        },
        Klasifikasi::PermintaanInformasi => match t {
            0 => build_title(&["mohon informasi ", x]),
            1 => build_title(&["pertanyaan mengenai ", x, " di ", reg]),
            2 => build_title(&["mohon informasi ", x, " untuk warga ", vp, v]),
            3 => build_title(&["informasi ", x, " di ", vp, v]),
            _ => build_title(&["mohon penjelasan tentang ", x]),
        },
        Klasifikasi::Wbs => match t {
            0 => build_title(&["dugaan pungli dalam ", x, " di ", vp, v]),
            1 => build_title(&["oknum petugas diduga meminta uang dalam ", x]),
            2 => build_title(&["dugaan gratifikasi pada ", x, " di ", reg]),
            3 => build_title(&["laporan dugaan pungutan liar ", x, " di ", v]),
            _ => build_title(&["dugaan pungutan tidak resmi dalam ", x]),
        },
        Klasifikasi::Pengadaan => match t {
            0 => build_title(&["dugaan penyimpangan ", x, " di ", vp, v]),
            1 => build_title(&["pekerjaan ", x, " di ", reg, " diduga tidak sesuai kontrak"]),
            2 => build_title(&["kejanggalan proyek ", x, " di ", reg]),
            3 => build_title(&["proyek ", x, " di ", vp, v, " diduga bermasalah"]),
            _ => build_title(&["mohon audit ", x, " di ", reg]),
        },
    }
}

/// " di " before a place, or " sekitar " when the phrase already says where ("di persimpangan").
fn at(phrase: &str) -> &'static str {
    if phrase.contains(" di ") {
        " sekitar "
    } else {
        " di "
    }
}

/// Number of title templates per klasifikasi.
const TITLE_TEMPLATES: usize = 5;

/// What title and body share: the main phrase (problem, suggestion, information, service or
/// project, after the klasifikasi) and a duration ("3 bulan").
struct Core {
    x: &'static str,
    n: &'static str,
    unit: &'static str,
}

impl Core {
    fn new<R: Rng + ?Sized>(rng: &mut R, f: &Frag, k: Klasifikasi) -> Self {
        let list = match k {
            Klasifikasi::Pengaduan => f.p,
            Klasifikasi::Aspirasi => f.a,
            Klasifikasi::PermintaanInformasi => f.i,
            Klasifikasi::Wbs => f.s,
            Klasifikasi::Pengadaan => f.j,
        };
        Core {
            x: pick(rng, list),
            n: pick(rng, SMALL),
            unit: pick(rng, UNITS),
        }
    }
}

fn title<R: Rng + ?Sized>(rng: &mut R, f: &Frag, k: Klasifikasi, l: &Loc, c: &Core) -> String {
    let start = rng.random_range(0..TITLE_TEMPLATES);
    let (x, n, unit) = (c.x, c.n, c.unit);
    for o in 0..TITLE_TEMPLATES {
        if let Some(s) = candidate((start + o) % TITLE_TEMPLATES, k, f.loc, x, n, unit, l) {
            return s;
        }
    }
    forced_title(&[x, " di ", l.regency])
}

/// A body under construction, kept within [`ISI_MAX`].
struct Body {
    s: String,
}

impl Body {
    fn new() -> Self {
        Body {
            s: String::with_capacity(ISI_MAX + 64),
        }
    }
    fn push(&mut self, parts: &[&str]) {
        for p in parts {
            self.s.push_str(p);
        }
    }
    /// Pushes `parts` when they fit with `reserve` bytes left for what must follow.
    fn try_push(&mut self, parts: &[&str], reserve: usize) -> bool {
        if self.s.len() + total(parts) + reserve <= ISI_MAX {
            self.push(parts);
            true
        } else {
            false
        }
    }
    /// Pads a short body with neutral sentences, then adds the closing.
    fn finish<R: Rng + ?Sized>(mut self, rng: &mut R, close: &str) -> String {
        let mut i = rng.random_range(0..FILLER.len());
        let mut tries = 0;
        while self.s.len() + close.len() < ISI_MIN && tries < FILLER.len() {
            self.try_push(&[FILLER[i]], close.len());
            i = (i + 1) % FILLER.len();
            tries += 1;
        }
        self.s.push_str(close);
        self.s
    }
    /// "Desa X, Kabupaten Y" (with the street first when `street`).
    fn place(&mut self, l: &Loc, street: bool) {
        if street {
            self.push(&[l.sp, l.street, ", "]);
        }
        self.push(&[l.vp, l.village, ", ", l.regency]);
    }
}

fn body_pengaduan<R: Rng + ?Sized>(rng: &mut R, f: &Frag, l: &Loc, c: &Core) -> String {
    let close = pick(rng, CLOSE);
    let mut b = Body::new();
    b.push(&[pick(rng, GREET), pick(rng, WARGA)]);
    b.place(l, !f.loc);
    let p = c.x;
    b.push(&[", ", pick(rng, OPEN), p]);
    if f.loc {
        b.push(&[at(p), l.sp, l.street]);
    }
    let (n, unit) = (c.n, c.unit);
    match rng.random_range(0..4) {
        0 => b.push(&[" sejak ", n, " ", unit, " yang lalu. "]),
        1 => b.push(&[" yang sudah berlangsung sekitar ", n, " ", unit, ". "]),
        2 => b.push(&[" dan sudah ", n, " ", unit, " belum ada penyelesaian. "]),
        _ => b.push(&[". "]),
    }
    let request = [pick(rng, REQ_OPEN), pick(rng, f.r), ". "];
    let reserve = total(&request) + close.len();
    if rng.random_bool(0.8) {
        b.try_push(&[pick(rng, f.d), " "], reserve);
    }
    let (affected, tried) = match rng.random_range(0..8) {
        0..=3 => (true, false),
        4..=6 => (false, true),
        _ => (false, false),
    };
    if affected {
        let (c, w) = (pick(rng, COUNT), pick(rng, f.w));
        if rng.random_bool(0.5) {
            b.try_push(
                &["Sedikitnya ", c, " ", w, " terdampak masalah ini. "],
                reserve,
            );
        } else {
            b.try_push(
                &["Ada sekitar ", c, " ", w, " yang merasakan akibatnya. "],
                reserve,
            );
        }
    }
    if tried {
        let k = pick(rng, f.k);
        match rng.random_range(0..3) {
            0 => b.try_push(
                &[
                    "Kami sudah menyampaikan hal ini kepada ",
                    k,
                    ", tetapi belum ada tindak lanjut. ",
                ],
                reserve,
            ),
            1 => b.try_push(
                &[
                    "Sebelumnya sudah dilaporkan ke ",
                    k,
                    " namun sampai sekarang belum ada kejelasan. ",
                ],
                reserve,
            ),
            _ => b.try_push(
                &[
                    "Kami sudah ",
                    pick(rng, TIMES),
                    " kali menghubungi ",
                    k,
                    " tanpa hasil. ",
                ],
                reserve,
            ),
        };
    }
    b.push(&request);
    b.finish(rng, close)
}

fn body_aspirasi<R: Rng + ?Sized>(rng: &mut R, f: &Frag, l: &Loc, c: &Core) -> String {
    let close = pick(rng, ASP_CLOSE);
    let ask = pick(rng, ASP_ASK);
    let reserve = ask.len() + close.len();
    let mut b = Body::new();
    b.push(&[pick(rng, GREET), pick(rng, WARGA)]);
    b.place(l, false);
    b.push(&[", ", pick(rng, ASP_OPEN), c.x]);
    if f.loc {
        b.push(&[at(c.x), l.sp, l.street, ". "]);
    } else if rng.random_bool(0.5) {
        b.push(&[" bagi warga di wilayah kami. "]);
    } else {
        b.push(&[". "]);
    }
    let p = pick(rng, f.p);
    match rng.random_range(0..3) {
        0 => b.try_push(&["Selama ini warga mengeluhkan ", p, ". "], reserve),
        1 => b.try_push(
            &[
                "Usulan ini kami sampaikan karena masih ada keluhan soal ",
                p,
                ". ",
            ],
            reserve,
        ),
        _ => b.try_push(&["Saat ini ", p, " masih menjadi keluhan warga. "], reserve),
    };
    if rng.random_bool(0.6) {
        let (forum, c, w) = (pick(rng, FORUM), pick(rng, COUNT), pick(rng, f.w));
        b.try_push(
            &[
                "Usulan ini sudah dibahas dalam ",
                forum,
                " dan didukung sekitar ",
                c,
                " ",
                w,
                ". ",
            ],
            reserve,
        );
    }
    b.push(&[ask]);
    b.finish(rng, close)
}

fn body_informasi<R: Rng + ?Sized>(rng: &mut R, f: &Frag, l: &Loc, c: &Core) -> String {
    let close = pick(rng, INFO_CLOSE);
    let mut b = Body::new();
    b.push(&[pick(rng, GREET), pick(rng, WARGA)]);
    b.place(l, rng.random_bool(0.3));
    b.push(&[". Mohon informasi mengenai ", c.x, ". "]);
    b.try_push(&[pick(rng, QUESTION)], close.len());
    let p = pick(rng, f.p);
    if rng.random_bool(0.5) {
        b.try_push(
            &[
                "Kami bertanya karena ",
                p,
                " dan kami ingin tahu langkah yang benar. ",
            ],
            close.len(),
        );
    } else {
        b.try_push(
            &[
                "Pertanyaan ini muncul karena ada keluhan soal ",
                p,
                if p.contains(" di ") {
                    ". "
                } else {
                    " di lingkungan kami. "
                },
            ],
            close.len(),
        );
    }
    b.finish(rng, close)
}

fn body_wbs<R: Rng + ?Sized>(rng: &mut R, f: &Frag, l: &Loc, c: &Core) -> String {
    let close = pick(rng, WBS_CLOSE);
    let ask = [
        "Kami mohon dugaan ini diperiksa oleh ",
        pick(rng, WBS_TO),
        " dan identitas pelapor dirahasiakan. ",
    ];
    let reserve = total(&ask) + close.len();
    let mut b = Body::new();
    b.push(&[
        pick(rng, GREET),
        ", saya ingin melaporkan dugaan ",
        pick(rng, WBS_KIND),
        " dalam ",
        c.x,
        " di ",
    ]);
    b.place(l, false);
    b.push(&[". "]);
    let amount = pick(rng, AMOUNT);
    if rng.random_bool(0.6) {
        b.push(&[
            "Seorang oknum petugas, yang namanya sengaja tidak kami sebutkan di sini, diduga meminta uang sekitar Rp",
            amount,
            " ",
            pick(rng, WBS_REASON),
            ". ",
        ]);
    } else {
        b.push(&[
            "Menurut pengalaman kami, ada oknum yang diduga menerima imbalan sekitar Rp",
            amount,
            " agar ",
            pick(rng, WBS_FAVOR),
            ". ",
        ]);
    }
    match rng.random_range(0..4) {
        0 => b.try_push(
            &["Setahu kami layanan ini tidak dipungut biaya di luar ketentuan resmi. "],
            reserve,
        ),
        1 => b.try_push(
            &[
                "Menurut cerita warga lain, setidaknya ",
                pick(rng, COUNT),
                " ",
                pick(rng, f.w),
                " mengalami hal serupa. ",
            ],
            reserve,
        ),
        2 => b.try_push(
            &[
                "Kejadian ini terjadi sekitar ",
                pick(rng, SMALL),
                " ",
                pick(rng, UNITS),
                " yang lalu dan kami masih menyimpan buktinya. ",
            ],
            reserve,
        ),
        _ => false,
    };
    b.push(&ask);
    b.finish(rng, close)
}

fn body_pengadaan<R: Rng + ?Sized>(rng: &mut R, f: &Frag, l: &Loc, c: &Core) -> String {
    let close = pick(rng, WBS_CLOSE);
    let ask = [
        "Mohon ",
        pick(rng, AUD_WHO),
        " memeriksa ",
        pick(rng, AUD_WHAT),
        ". ",
    ];
    let reserve = total(&ask) + close.len();
    let mut b = Body::new();
    b.push(&[
        pick(rng, GREET),
        ", saya ingin melaporkan dugaan penyimpangan pada pekerjaan ",
        c.x,
        " di ",
    ]);
    b.place(l, f.loc && rng.random_bool(0.5));
    b.push(&[". "]);
    let first = rng.random_range(0..IRREG.len());
    b.push(&[IRREG[first]]);
    match rng.random_range(0..3) {
        0 => {
            let second = (first + rng.random_range(1..IRREG.len())) % IRREG.len();
            b.try_push(&[IRREG[second]], reserve)
        }
        1 => b.try_push(
            &[
                "Pekerjaan ini dimulai sekitar ",
                pick(rng, SMALL),
                " bulan yang lalu. ",
            ],
            reserve,
        ),
        _ => false,
    };
    b.push(&ask);
    b.finish(rng, close)
}

fn tags<R: Rng + ?Sized>(rng: &mut R, f: &Frag, k: Klasifikasi) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(3);
    let push = |t: &str, out: &mut Vec<String>| {
        if out.len() < 3 && !t.is_empty() && out.iter().all(|o| o != t) {
            out.push(t.to_string());
        }
    };
    let mut list = f.t.iter();
    if let Some(first) = list.next() {
        push(first, &mut out);
    }
    for t in list {
        if rng.random_bool(0.6) {
            push(t, &mut out);
        }
    }
    match k {
        Klasifikasi::Wbs => push("pungli", &mut out),
        Klasifikasi::Pengadaan => push("pengadaan", &mut out),
        _ => {}
    }
    if out.is_empty() {
        out.push("pelayanan-publik".to_string());
    }
    out
}

/// A synthetic complaint (judul, isi, tags) for a subtopic key of [`data::CATEGORIES`]; unknown
/// keys get a generic public-service text.
pub fn compose(
    rng: &mut impl Rng,
    subtopic_key: &str,
    klasifikasi: Klasifikasi,
    place: &Place,
) -> ComposedText {
    let f = frag(subtopic_key).unwrap_or(&GENERIC);
    let l = Loc::new(place);
    let c = Core::new(rng, f, klasifikasi);
    let judul = title(rng, f, klasifikasi, &l, &c);
    let isi = match klasifikasi {
        Klasifikasi::Pengaduan => body_pengaduan(rng, f, &l, &c),
        Klasifikasi::Aspirasi => body_aspirasi(rng, f, &l, &c),
        Klasifikasi::PermintaanInformasi => body_informasi(rng, f, &l, &c),
        Klasifikasi::Wbs => body_wbs(rng, f, &l, &c),
        Klasifikasi::Pengadaan => body_pengadaan(rng, f, &l, &c),
    };
    let tags = tags(rng, f, klasifikasi);
    ComposedText { judul, isi, tags }
}

// ---------------------------------------------------------------------------------------------
// Reporter identity (synthetic)
// ---------------------------------------------------------------------------------------------

/// A given name and a family name whose genders fit together.
fn name_parts<R: Rng + ?Sized>(rng: &mut R) -> (&'static NamePart, &'static NamePart) {
    static ANY_FIRST: NamePart = NamePart {
        name: "Dian",
        gender: data::Gender::Any,
    };
    let first = data::FIRST_NAMES.choose(rng).unwrap_or(&ANY_FIRST);
    for _ in 0..16 {
        if let Some(last) = data::LAST_NAMES.choose(rng)
            && first.gender.fits(last.gender)
        {
            return (first, last);
        }
    }
    let last = data::LAST_NAMES
        .iter()
        .find(|n| first.gender.fits(n.gender))
        .unwrap_or(&ANY_FIRST);
    (first, last)
}

/// A synthetic reporter name such as "Siti Rahayu"; the parts never mix genders.
pub fn person_name(rng: &mut impl Rng) -> String {
    let (first, last) = name_parts(rng);
    let mut s = String::with_capacity(first.name.len() + last.name.len() + 1);
    s.push_str(first.name);
    s.push(' ');
    s.push_str(last.name);
    s
}

/// Mobile prefixes in common use.
static PHONE_PREFIX: &[&str] = &[
    "0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853", "0855", "0856", "0857",
    "0858", "0815", "0816", "0817", "0818", "0819", "0859", "0877", "0878", "0881", "0882", "0895",
    "0896", "0897",
];

fn push_digits<R: Rng + ?Sized>(rng: &mut R, s: &mut String, n: usize) {
    for _ in 0..n {
        s.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
}

/// A synthetic Indonesian mobile number, e.g. "0812-3456-7890".
pub fn phone(rng: &mut impl Rng) -> String {
    let mut s = String::with_capacity(14);
    s.push_str(pick(rng, PHONE_PREFIX));
    s.push('-');
    push_digits(rng, &mut s, 4);
    s.push('-');
    let tail = if rng.random_bool(0.7) { 4 } else { 3 };
    push_digits(rng, &mut s, tail);
    s
}

/// Reserved or invented example domains only: no mail can reach a real person.
static EMAIL_DOMAINS: &[&str] = &[
    "contoh.id",
    "surel.contoh",
    "pos.contoh.id",
    "example.com",
    "example.org",
];

/// A synthetic address derived from `name` at an example domain, e.g. "siti.rahayu27@contoh.id".
pub fn email(rng: &mut impl Rng, name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 20);
    let sep = pick(rng, &[".", "_", ""]);
    let mut words = 0;
    for w in name.split_whitespace() {
        let start = s.len();
        if words > 0 {
            s.push_str(sep);
        }
        let before = s.len();
        s.extend(
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
        if s.len() == before {
            s.truncate(start);
        } else {
            words += 1;
        }
    }
    if words == 0 {
        s.push_str("warga");
    }
    if rng.random_bool(0.6) {
        let n = rng.random_range(1..100u8);
        if n >= 10 {
            s.push(char::from(b'0' + n / 10));
        }
        s.push(char::from(b'0' + n % 10));
    }
    s.push('@');
    s.push_str(pick(rng, EMAIL_DOMAINS));
    s
}

/// First two digits of real province codes, so that NIKs look plausible (the rest is random).
static NIK_PROVINCE: &[&str] = &[
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92", "94",
];

fn push_two(s: &mut String, n: u8) {
    s.push(char::from(b'0' + n / 10));
    s.push(char::from(b'0' + n % 10));
}

/// A synthetic 16-digit NIK: province, regency and district codes, birth date (day + 40 for
/// women), serial.
pub fn nik(rng: &mut impl Rng) -> String {
    let mut s = String::with_capacity(16);
    s.push_str(pick(rng, NIK_PROVINCE));
    push_two(&mut s, rng.random_range(1..30));
    push_two(&mut s, rng.random_range(1..25));
    let day = rng.random_range(1..29u8) + if rng.random_bool(0.5) { 40 } else { 0 };
    push_two(&mut s, day);
    push_two(&mut s, rng.random_range(1..13));
    push_two(&mut s, rng.random_range(0..100));
    s.push('0');
    push_digits(rng, &mut s, 3);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::SmallRng;
    use std::collections::HashSet;

    /// Places at both ends of the length range the seeder produces.
    fn places() -> [Place<'static>; 4] {
        [
            Place {
                regency: "Kota Administrasi Jakarta Selatan",
                village: "Tanjung Harapan",
                street: "Jl. Perintis Kemerdekaan",
            },
            Place {
                regency: "Kabupaten Kepulauan Seribu Utara",
                village: "Gunung Samarinda",
                street: "Jl. Ki Hajar Dewantara",
            },
            Place {
                regency: "Kota Palu",
                village: "Passo",
                street: "Gg. Sawo",
            },
            Place {
                regency: "Kabupaten Sigi",
                village: "Oebobo",
                street: "Merdeka",
            },
        ]
    }

    fn check_text(t: &ComposedText, what: &str) {
        let jl = t.judul.chars().count();
        assert!(
            (JUDUL_MIN..=JUDUL_MAX).contains(&jl),
            "{what}: judul {jl}: {}",
            t.judul
        );
        let il = t.isi.chars().count();
        assert!(
            (ISI_MIN..=ISI_MAX).contains(&il),
            "{what}: isi {il}: {}",
            t.isi
        );
        for s in [&t.judul, &t.isi] {
            assert!(!s.contains(['{', '}', '\n']), "{what}: placeholder in {s}");
            assert!(
                !s.contains("  ") && !s.contains(" ,") && !s.contains(" .") && !s.contains(".."),
                "{what}: {s}"
            );
            assert!(
                s.starts_with(|c: char| c.is_ascii_uppercase()),
                "{what}: {s}"
            );
        }
        assert!(t.isi.ends_with('.'), "{what}: {}", t.isi);
        let plain = t
            .isi
            .replace("Jl. ", "Jl ")
            .replace("Gg. ", "Gg ")
            .replace("Yth. ", "Yth ");
        let sentences = plain.matches(". ").count() + plain.matches("? ").count() + 1;
        assert!(
            (3..=6).contains(&sentences),
            "{what}: {sentences} sentences: {}",
            t.isi
        );
        assert!((1..=3).contains(&t.tags.len()), "{what}: {:?}", t.tags);
        for tag in &t.tags {
            assert!(
                !tag.is_empty() && *tag == tag.to_lowercase() && !tag.contains(' '),
                "{what}: tag {tag}"
            );
        }
    }

    #[test]
    fn every_subtopic_has_its_own_fragments() {
        let mut count = 0;
        for (_, s) in data::all_subtopics() {
            let f = frag(s.key).unwrap_or_else(|| panic!("no fragments for {}", s.key));
            assert!(!std::ptr::eq(f, &GENERIC), "{}", s.key);
            assert!(f.p.len() >= 3, "{}: {} problems", s.key, f.p.len());
            for (name, list) in [
                ("d", f.d),
                ("w", f.w),
                ("k", f.k),
                ("r", f.r),
                ("a", f.a),
                ("i", f.i),
                ("s", f.s),
                ("j", f.j),
                ("t", f.t),
            ] {
                assert!(!list.is_empty(), "{}: empty {name}", s.key);
            }
            assert!(f.t.len() <= 3, "{}", s.key);
            count += 1;
        }
        assert!(count >= 70, "{count}");
        assert!(frag("tidak_ada").is_none());
    }

    #[test]
    fn fragments_are_clean() {
        let mut all: Vec<&Frag> = data::all_subtopics()
            .filter_map(|(_, s)| frag(s.key))
            .collect();
        all.push(&GENERIC);
        for f in all {
            for list in [f.p, f.d, f.w, f.k, f.r, f.a, f.i, f.s, f.j, f.t] {
                for x in list {
                    assert!(x.is_ascii() && !x.is_empty(), "{x}");
                    assert!(
                        !x.starts_with(' ') && !x.ends_with(' ') && !x.contains("  "),
                        "{x:?}"
                    );
                    assert!(!x.contains(['{', '}']), "{x}");
                }
            }
            for x in f.d {
                assert!(
                    x.ends_with('.') && x.starts_with(|c: char| c.is_ascii_uppercase()),
                    "{x}"
                );
            }
            for list in [f.p, f.w, f.k, f.r, f.a, f.i, f.s, f.j] {
                for x in list {
                    assert!(!x.ends_with('.'), "{x}");
                }
            }
            for t in f.t {
                assert!(
                    t.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{t}"
                );
            }
        }
    }

    #[test]
    fn compose_stays_within_bounds_for_every_key_and_klasifikasi() {
        let mut rng = SmallRng::seed_from_u64(7);
        let keys: Vec<&str> = data::all_subtopics()
            .map(|(_, s)| s.key)
            .chain(["tidak_dikenal"])
            .collect();
        for key in keys {
            for k in Klasifikasi::ALL {
                for place in &places() {
                    for _ in 0..40 {
                        let t = compose(&mut rng, key, *k, place);
                        check_text(&t, &format!("{key}/{k:?}"));
                    }
                }
            }
        }
    }

    #[test]
    fn title_and_body_share_their_main_phrase() {
        let mut rng = SmallRng::seed_from_u64(13);
        for (_, sub) in data::all_subtopics() {
            let f = frag(sub.key).unwrap_or(&GENERIC);
            for k in Klasifikasi::ALL {
                let list = match k {
                    Klasifikasi::Pengaduan => f.p,
                    Klasifikasi::Aspirasi => f.a,
                    Klasifikasi::PermintaanInformasi => f.i,
                    Klasifikasi::Wbs => f.s,
                    Klasifikasi::Pengadaan => f.j,
                };
                for place in &places() {
                    let t = compose(&mut rng, sub.key, *k, place);
                    let (judul, isi) = (t.judul.to_lowercase(), t.isi.to_lowercase());
                    assert!(
                        list.iter().any(|x| {
                            let x = x.to_lowercase();
                            judul.contains(&x) && isi.contains(&x)
                        }),
                        "{}/{k:?}: {} / {}",
                        sub.key,
                        t.judul,
                        t.isi
                    );
                }
            }
        }
    }

    #[test]
    fn wording_follows_klasifikasi() {
        let mut rng = SmallRng::seed_from_u64(3);
        let place = &places()[3];
        for _ in 0..200 {
            let t = compose(&mut rng, "jalan", Klasifikasi::Aspirasi, place);
            assert!(
                t.isi.contains("usul") || t.isi.contains("aspirasi"),
                "{}",
                t.isi
            );
            let t = compose(&mut rng, "ktp_el", Klasifikasi::PermintaanInformasi, place);
            assert!(t.isi.contains("Mohon informasi mengenai "), "{}", t.isi);
            let t = compose(&mut rng, "ppdb", Klasifikasi::Wbs, place);
            assert!(
                t.isi.contains("oknum") && t.isi.contains("dirahasiakan"),
                "{}",
                t.isi
            );
            assert!(t.tags.iter().any(|t| t == "pungli"));
            let t = compose(&mut rng, "sampah", Klasifikasi::Pengadaan, place);
            assert!(t.isi.contains("dugaan penyimpangan"), "{}", t.isi);
            let t = compose(&mut rng, "jalan", Klasifikasi::Pengaduan, place);
            assert!(
                t.isi.contains("Kabupaten Sigi") && t.isi.contains("Desa Oebobo"),
                "{}",
                t.isi
            );
            assert!(t.tags[0] == "jalan-rusak");
        }
        let t = compose(&mut rng, "jalan", Klasifikasi::Pengaduan, &places()[0]);
        assert!(t.isi.contains("Kelurahan Tanjung Harapan"), "{}", t.isi);
    }

    #[test]
    fn same_seed_same_text() {
        let place = &places()[0];
        let run = |seed: u64| {
            let mut rng = SmallRng::seed_from_u64(seed);
            (0..50)
                .map(|i| {
                    let k = Klasifikasi::ALL[i % Klasifikasi::ALL.len()];
                    let t = compose(&mut rng, "banjir", k, place);
                    (
                        t.judul,
                        t.isi,
                        t.tags,
                        person_name(&mut rng),
                        phone(&mut rng),
                        nik(&mut rng),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(run(42), run(42));
        assert_ne!(run(42), run(43));
    }

    #[test]
    fn many_distinct_titles() {
        let mut rng = SmallRng::seed_from_u64(2024);
        let keys: Vec<&str> = data::all_subtopics().map(|(_, s)| s.key).collect();
        let mut titles = HashSet::new();
        let mut bodies = HashSet::new();
        for _ in 0..10_000 {
            let key = keys.choose(&mut rng).copied().unwrap_or("jalan");
            let k = Klasifikasi::ALL
                .choose(&mut rng)
                .copied()
                .unwrap_or(Klasifikasi::Pengaduan);
            let regency = data::REGENCIES
                .choose(&mut rng)
                .map(|r| r.name)
                .unwrap_or("Kota Palu");
            let village = data::VILLAGE_NAMES
                .choose(&mut rng)
                .copied()
                .unwrap_or("Passo");
            let street = data::STREET_NAMES
                .choose(&mut rng)
                .copied()
                .unwrap_or("Jl. Merdeka");
            let t = compose(
                &mut rng,
                key,
                k,
                &Place {
                    regency,
                    village,
                    street,
                },
            );
            check_text(&t, key);
            titles.insert(t.judul);
            bodies.insert(t.isi);
        }
        println!(
            "distinct titles: {} / 10000, distinct bodies: {}",
            titles.len(),
            bodies.len()
        );
        assert!(titles.len() >= 2_000, "{}", titles.len());
        assert!(bodies.len() >= 9_900, "{}", bodies.len());
    }

    #[test]
    fn emails_use_example_domains_only() {
        let mut rng = SmallRng::seed_from_u64(5);
        for name in [
            "Siti Rahayu",
            "Ni Luh Ariani",
            "I Gede O'Neil",
            "",
            "Ästrid Ünal",
        ] {
            for _ in 0..200 {
                let e = email(&mut rng, name);
                let (local, domain) = e.split_once('@').unwrap_or(("", ""));
                assert!(EMAIL_DOMAINS.contains(&domain), "{e}");
                assert!(
                    !local.is_empty()
                        && local.bytes().all(|b| b.is_ascii_lowercase()
                            || b.is_ascii_digit()
                            || b == b'.'
                            || b == b'_'),
                    "{e}"
                );
                assert!(
                    !local.starts_with(['.', '_']) && !local.ends_with(['.', '_']),
                    "{e}"
                );
            }
        }
        let n = person_name(&mut rng);
        assert!(email(&mut rng, &n).contains('@'));
    }

    #[test]
    fn nik_and_phone_are_well_formed() {
        let mut rng = SmallRng::seed_from_u64(9);
        for _ in 0..2000 {
            let n = nik(&mut rng);
            assert_eq!(n.len(), 16, "{n}");
            assert!(n.bytes().all(|b| b.is_ascii_digit()), "{n}");
            let p = phone(&mut rng);
            assert!(p.starts_with("08") && (13..=14).contains(&p.len()), "{p}");
            assert!(p.bytes().all(|b| b.is_ascii_digit() || b == b'-'), "{p}");
        }
    }

    #[test]
    fn names_respect_gender() {
        let mut rng = SmallRng::seed_from_u64(11);
        for _ in 0..5000 {
            let (first, last) = name_parts(&mut rng);
            assert!(
                first.gender.fits(last.gender),
                "{} {}",
                first.name,
                last.name
            );
        }
        let mut seen = HashSet::new();
        for _ in 0..2000 {
            let n = person_name(&mut rng);
            let first = data::FIRST_NAMES
                .iter()
                .filter(|f| n.starts_with(&format!("{} ", f.name)))
                .max_by_key(|f| f.name.len());
            let first = first.unwrap_or_else(|| panic!("unknown first name in {n}"));
            let rest = &n[first.name.len() + 1..];
            let last = data::LAST_NAMES
                .iter()
                .find(|l| l.name == rest)
                .unwrap_or_else(|| panic!("unknown last name in {n}"));
            assert!(first.gender.fits(last.gender), "{n}");
            seen.insert(n);
        }
        assert!(seen.len() > 500, "{}", seen.len());
    }

    /// Speed figures and title variety over many reports; a seeder-like million in a release
    /// build (`cargo test --release --lib seed::text::tests::speed -- --nocapture`), fewer in the
    /// debug test run so that CI runs it (CI fails on any skipped test).
    #[test]
    fn speed() {
        let mut rng = SmallRng::seed_from_u64(1);
        let keys: Vec<&str> = data::all_subtopics().map(|(_, s)| s.key).collect();
        let place = Place {
            regency: "Kota Surabaya",
            village: "Sukamaju",
            street: "Jl. Pemuda",
        };
        let n = if cfg!(debug_assertions) {
            20_000usize
        } else {
            1_000_000
        };
        let start = std::time::Instant::now();
        let mut bytes = 0usize;
        for i in 0..n {
            let k = Klasifikasi::ALL[i % Klasifikasi::ALL.len()];
            let t = compose(&mut rng, keys[i % keys.len()], k, &place);
            bytes += t.judul.len() + t.isi.len() + t.tags.len();
        }
        let el = start.elapsed();
        println!(
            "compose: {} ns/call ({} bytes)",
            el.as_nanos() / n as u128,
            bytes
        );
        let start = std::time::Instant::now();
        for _ in 0..n {
            let name = person_name(&mut rng);
            bytes += phone(&mut rng).len() + email(&mut rng, &name).len() + nik(&mut rng).len();
        }
        println!(
            "identity: {} ns/call ({bytes})",
            start.elapsed().as_nanos() / n as u128
        );
        // Distinct titles over a seeder-like million (random keys, klasifikasi and places).
        let mut titles = HashSet::with_capacity(n);
        for _ in 0..n {
            let key = keys.choose(&mut rng).copied().unwrap_or("jalan");
            let k = Klasifikasi::ALL
                .choose(&mut rng)
                .copied()
                .unwrap_or(Klasifikasi::Pengaduan);
            let regency = data::REGENCIES
                .choose(&mut rng)
                .map(|r| r.name)
                .unwrap_or("Kota Palu");
            let village = data::VILLAGE_NAMES
                .choose(&mut rng)
                .copied()
                .unwrap_or("Passo");
            let street = data::STREET_NAMES
                .choose(&mut rng)
                .copied()
                .unwrap_or("Jl. Merdeka");
            titles.insert(
                compose(
                    &mut rng,
                    key,
                    k,
                    &Place {
                        regency,
                        village,
                        street,
                    },
                )
                .judul,
            );
        }
        println!("distinct titles in {n}: {}", titles.len());
        // Duplicates are welcome (the merge suggestions need them), but not a few titles over and over.
        assert!(
            titles.len() * 2 > n,
            "{} distinct titles in {n}",
            titles.len()
        );
    }
}
