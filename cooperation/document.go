package cooperation

// DocType is a kind of document a stage needs. Files and their version
// history (V-21, penatausahaan) live in storage; the domain only asks
// whether a current document of a type is present.
type DocType string

const (
	DocKAK              DocType = "kak"
	DocSuratPenawaran   DocType = "surat_penawaran"
	DocSuratTanggapan   DocType = "surat_tanggapan"
	DocStudiKelayakan   DocType = "studi_kelayakan"
	DocDraftKB          DocType = "draft_kb"
	DocKB               DocType = "kb"
	DocKeputusanDPRD    DocType = "keputusan_dprd"
	DocDraftPKS         DocType = "draft_pks"
	DocPKS              DocType = "pks"
	DocSuratKuasa       DocType = "surat_kuasa"
	DocAddendum         DocType = "addendum"
	DocLaporan          DocType = "laporan"
	DocDraftNK          DocType = "draft_nk"
	DocNotaKesepakatan  DocType = "nota_kesepakatan"
	DocRencanaKerja     DocType = "rencana_kerja"
	DocKajian           DocType = "kajian"
	DocLoI              DocType = "loi"
	DocTanggapanLoI     DocType = "tanggapan_loi"        // the Ministers' written response to the LoI consultation
	DocPertimbanganMen  DocType = "pertimbangan_menteri" // the Minister's written consideration after verification
	DocRencanaKerjaSama DocType = "rencana_kerja_sama"
	DocRancanganNaskah  DocType = "rancangan_naskah"
	DocSuratKonfirmasi  DocType = "surat_konfirmasi"
	DocPersetujuanMen   DocType = "persetujuan_menteri"
	DocNaskah           DocType = "naskah"
	DocRencanaKegiatan  DocType = "rencana_kegiatan_tahunan"
	DocOther            DocType = "other"
)

// DocLabel is a document type's name in both languages.
type DocLabel struct{ ID, EN string }

// DocTypes lists every document type with its labels, in lifecycle order.
var DocTypes = []struct {
	Type  DocType
	Label DocLabel
}{
	{DocKAK, DocLabel{"Kerangka Acuan Kerja (KAK)", "Terms of reference"}},
	{DocSuratPenawaran, DocLabel{"Surat penawaran", "Offer letter"}},
	{DocSuratTanggapan, DocLabel{"Surat tanggapan", "Reply letter"}},
	{DocStudiKelayakan, DocLabel{"Studi kelayakan", "Feasibility study"}},
	{DocDraftKB, DocLabel{"Rancangan kesepakatan bersama", "Draft joint agreement"}},
	{DocKB, DocLabel{"Kesepakatan bersama (KB)", "Joint agreement (KB)"}},
	{DocKeputusanDPRD, DocLabel{"Keputusan/persetujuan DPRD", "DPRD decision"}},
	{DocDraftPKS, DocLabel{"Rancangan perjanjian kerja sama", "Draft cooperation contract"}},
	{DocPKS, DocLabel{"Perjanjian kerja sama (PKS)", "Cooperation contract (PKS)"}},
	{DocSuratKuasa, DocLabel{"Surat kuasa", "Power of attorney"}},
	{DocAddendum, DocLabel{"Adendum", "Addendum"}},
	{DocLaporan, DocLabel{"Laporan", "Report"}},
	{DocDraftNK, DocLabel{"Rancangan nota kesepakatan", "Draft memorandum of agreement"}},
	{DocNotaKesepakatan, DocLabel{"Nota kesepakatan (NK)", "Memorandum of agreement (NK)"}},
	{DocRencanaKerja, DocLabel{"Rencana kerja (RK)", "Work plan (RK)"}},
	{DocKajian, DocLabel{"Kajian", "Study"}},
	{DocTanggapanLoI, DocLabel{"Tanggapan tertulis Menteri atas konsultasi LoI", "Ministers' written response to the LoI consultation"}},
	{DocLoI, DocLabel{"Pernyataan kehendak kerja sama (LoI)", "Letter of intent (LoI)"}},
	{DocRencanaKerjaSama, DocLabel{"Rencana kerja sama", "Cooperation plan"}},
	{DocPertimbanganMen, DocLabel{"Pertimbangan tertulis Menteri hasil verifikasi", "Minister's written consideration after verification"}},
	{DocRancanganNaskah, DocLabel{"Rancangan naskah kerja sama", "Draft cooperation text"}},
	{DocSuratKonfirmasi, DocLabel{"Surat konfirmasi Menteri Luar Negeri", "Foreign Minister's confirmation letter"}},
	{DocPersetujuanMen, DocLabel{"Persetujuan Menteri Dalam Negeri", "Home Affairs Minister's approval"}},
	{DocNaskah, DocLabel{"Naskah kerja sama", "Signed cooperation text"}},
	{DocRencanaKegiatan, DocLabel{"Rencana kegiatan tahunan", "Annual activity plan"}},
	{DocOther, DocLabel{"Dokumen lain", "Other document"}},
}

// Label returns the labels of t.
func (t DocType) Label() DocLabel {
	for _, d := range DocTypes {
		if d.Type == t {
			return d.Label
		}
	}
	return DocLabel{string(t), string(t)}
}

// DocRef is storage's view of one stored document: its type, whether it is
// the current version (older drafts stay for the history), and the party it
// belongs to (Party.Key; "" for a joint document).
type DocRef struct {
	Type    DocType
	Ref     string
	Current bool
	Party   string
}

// HasDoc reports whether a current document of type t is present; with a
// party key, one of that party's or a joint one.
func (c Cooperation) HasDoc(t DocType, party string) bool {
	for _, d := range c.Documents {
		if d.Type == t && d.Current && (party == "" || d.Party == "" || d.Party == party) {
			return true
		}
	}
	return false
}
