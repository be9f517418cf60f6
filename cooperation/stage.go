package cooperation

// Stage is where a cooperation stands. Domestic stages follow PP 28/2018
// Pasal 6(1) as named in REGULATION.md §14.2; Sinergi reuses them with
// penyusunan_nk (practice [S], §3); foreign stages follow Permendagri
// 25/2020 Pasal 9 (§14.3).
type Stage string

// Domestic KSDD/KSDPK (§14.2); the first three, pelaksanaan, berakhir and
// ditolak are shared with Sinergi.
const (
	Persiapan        Stage = "persiapan"
	SiapDitawarkan   Stage = "siap_ditawarkan"
	Penawaran        Stage = "penawaran"
	PenyusunanKB     Stage = "penyusunan_kb"
	KBDitandatangani Stage = "kb_ditandatangani"
	MenungguDPRD     Stage = "menunggu_dprd" // also foreign
	PenyusunanPKS    Stage = "penyusunan_pks"
	Pelaksanaan      Stage = "pelaksanaan" // all machines
	Berakhir         Stage = "berakhir"    // all machines
	Ditolak          Stage = "ditolak"
	DitolakDPRD      Stage = "ditolak_dprd" // also foreign
)

// Sinergi [S]: NK and Rencana Kerja are drafted and signed in one stage.
const PenyusunanNK Stage = "penyusunan_nk"

// Foreign KSDPL/KSDLL (§14.3; PMDN25 Pasal 9).
const (
	Prakarsa                  Stage = "prakarsa"
	Penjajakan                Stage = "penjajakan"
	Kajian                    Stage = "kajian"
	KonsultasiLoI             Stage = "konsultasi_loi"
	LoIDitandatangani         Stage = "loi_ditandatangani"
	RencanaKerjaSama          Stage = "rencana_kerja_sama"
	DiajukanKeMenteri         Stage = "diajukan_ke_menteri"
	Verifikasi                Stage = "verifikasi"
	RancanganNaskah           Stage = "rancangan_naskah"
	PembahasanAntarkementrian Stage = "pembahasan_antarkementerian"
	PembahasanMitra           Stage = "pembahasan_mitra"
	SuratKonfirmasi           Stage = "surat_konfirmasi"
	PersetujuanMenteri        Stage = "persetujuan_menteri"
	NaskahDitandatangani      Stage = "naskah_ditandatangani"
)

// Terminal reports whether nothing follows s. A refused cooperation starts
// again as a new one (a new offer is a new record with its own history).
func (s Stage) Terminal() bool { return s == Berakhir || s == Ditolak || s == DitolakDPRD }

// InitialStage is where a new cooperation of kind k starts.
func InitialStage(k Kind) Stage {
	if k.IsForeign() {
		return Prakarsa
	}
	return Persiapan
}

// beforeExecution lists the domestic stages before pelaksanaan, where an
// unexecuted mandatory cooperation may be taken over (G-4).
var beforeExecution = []Stage{Persiapan, SiapDitawarkan, Penawaran, PenyusunanKB,
	KBDitandatangani, MenungguDPRD, PenyusunanPKS}
