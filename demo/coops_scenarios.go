package demo

import (
	"fmt"
	"slices"
	"strings"

	co "github.com/jalin-ksd/jalin/cooperation"
)

func (l *coopLoader) region(code string) co.Party {
	r, _ := l.a.Regions.Get(code)
	return co.Party{Kind: co.PartyRegion, Region: code, Name: r.Name}
}

// liaised is a region that names its two PPKSD officers (V-22).
func (l *coopLoader) liaised(code string) co.Party {
	p := l.region(code)
	host := strings.ToLower(strings.ReplaceAll(p.Name, " ", "")) + ".example"
	for i, n := range liaisonNames[code] {
		p.Liaisons = append(p.Liaisons, co.Liaison{Name: n,
			NIPOrNIK:  fmt.Sprintf("19%d0%d1%d20%d0%d1%d0%d", 79+i*5, 3+i, 2+i, 6+i, 1+i, 1+i, 4+len(code)),
			Phone:     fmt.Sprintf("0812-%04d-%04d", 2200+len(p.Name)*13+i, 4100+i*17),
			Email:     strings.ToLower(strings.ReplaceAll(n, " ", ".")) + "@" + host,
			LetterRef: fmt.Sprintf("800.1/ST-%d/Bag.KS/%d", 21+i, l.today.Year)})
	}
	return p
}

// home is the initiating region.
func (l *coopLoader) home(code string) co.Party {
	p := l.liaised(code)
	p.Initiator = true
	return p
}

func (l *coopLoader) org(name string, t co.ThirdPartyType) co.Party {
	return co.Party{Kind: co.PartyThirdParty, OrgID: l.orgs[name].ID, Name: name, ThirdPartyType: t}
}

func central(name string) co.Party { return co.Party{Kind: co.PartyCentral, Name: name} }

func foreign(k co.PartyKind, country, name string) co.Party {
	return co.Party{Kind: k, Country: country, Name: name}
}

// scenarios are the demo cooperations: every kind, every domestic stage,
// several foreign ones, three ending within 90 days, one ended early, one
// expired, one declined and one refused by the DPRD; most of Kota
// Bandung's can be seen by its demo users.
func (l *coopLoader) scenarios() []coopScenario {
	const (
		kbdg, kab, kbb, jabar = "32.73", "32.04", "32.17", "32"
		sby, sda, jatim       = "35.78", "35.15", "35"
		yk, slm, btl          = "34.71", "34.04", "34.02"
		mks, gowa             = "73.71", "73.06"
		national              = "national"
		mitra, air            = "Universitas Mitra Bandung", "PT Air Bersih Priangan"
	)
	month := func(n int) co.Date { return co.D(l.today.Year, l.today.Month, 1).AddMonths(n) }
	term := func(start co.Date, months int) (co.Date, co.Date) { return start, start.AddMonths(months) }
	ending := func(days, months int) (co.Date, co.Date) {
		end := l.today.AddDays(days)
		return end.AddMonths(-months), end
	}
	kuasa := func(in *co.Input, on co.Date) {
		in.Signature = &co.Signature{SignerName: "Drs. Iwan Setiawan, M.Si.", Office: "Sekretaris Daerah Kota Bandung",
			ByKuasa: true, KuasaRef: fmt.Sprintf("Surat Kuasa Wali Kota Bandung No. 180/%d", on.Year)}
	}
	result := func(money bool, amount int64, ref string) func(*co.Input, co.Date) {
		return func(in *co.Input, on co.Date) {
			in.Result = &co.Result{Money: money, AmountIDR: amount, Ref: fmt.Sprintf(ref, on.Year)}
		}
	}
	study := func(ref string, author co.Party, on co.Date) *co.Feasibility {
		return &co.Feasibility{Record: co.Record{Ref: ref, Date: on}, Author: author.Key(),
			MasterPlanIntegration: true, EconomicallyFeasible: true, FinancialCapacity: true}
	}
	allClauses := co.ContractClauses{RightsObligations: true, Term: true, DisputeSettlement: true, Sanctions: true}
	// The common path of a KSDD or KSDPK up to the signed KB.
	offer := func(home string, partners ...string) []coopStep {
		s := []coopStep{do(14, co.TKKSDReview, home), do(7, co.SendOffer, home)}
		for i, p := range partners {
			s = append(s, do(12+3*i, co.AcceptOffer, p))
		}
		return s
	}
	// The foreign path up to the request to the DPRD (PMDN25 Pasal 9–16).
	prakarsa := func(home string) []coopStep {
		return []coopStep{do(7, co.StartExploration, home), do(20, co.PrepareStudy, home),
			do(30, co.ConsultLoI, home), do(20, co.SignLoI, home), do(15, co.DraftPlan, home),
			do(10, co.RequestDPRD, home)}
	}
	cat := func(parts ...[]coopStep) []coopStep { return slices.Concat(parts...) }

	var out []coopScenario
	add := func(sc coopScenario) { out = append(out, sc) }

	// 1. Mandatory KSDD of three neighbours, executing, with a joint secretariat.
	s, e := term(month(-10), 60)
	add(coopScenario{by: kbdg, day: -480, want: co.Pelaksanaan, c: co.Cooperation{
		Title: "Pengelolaan Sampah Regional Bandung Raya di TPPAS Legok Nangka", Kind: co.KindWajib,
		Parties: []co.Party{l.home(kbdg), l.region(kab), l.region(kbb)},
		Urusan:  []string{"1.03", "2.11"}, Sector: "E",
		Objectives: "Mengolah sampah residu ketiga daerah secara bersama di TPPAS regional Legok Nangka " +
			"dan mengurangi sampah yang ditimbun hingga 30 persen.",
		Scope:     "Pengangkutan sampah residu, tipping fee bersama, pengolahan menjadi energi dan pemantauan lingkungan.",
		Locations: []string{kab}, ValueIDR: 48_750_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e, Continuous: true, Published: true,
	}, steps: cat(offer(kbdg, kab, kbb), []coopStep{
		do(25, co.SignKB, kbdg).with(dprd(false, true)), do(1, co.SignKB, kab), do(1, co.SignKB, kbb),
		do(7, co.RequestDPRD, kbdg),
		do(35, co.RecordDPRD, kbdg).with(decision("Keputusan DPRD Kota Bandung No. 172.2/Kep.14-DPRD/%d", "")),
		do(20, co.SignPKS, kbdg).with(kuasa).upload(co.DocSuratKuasa), do(1, co.SignPKS, kab), do(1, co.SignPKS, kbb),
		do(40, co.AttachSecr, kbdg).upload(co.DocPKS).
			with(withDoc("", "Keputusan Bersama tentang Sekretariat Kerja Sama Bandung Raya No. 1/%d")),
		do(150, co.Amend, kab).with(withDoc("Penambahan rute angkutan sampah dari Kecamatan Cileunyi",
			"Adendum I PKS Pengelolaan Sampah Regional No. 658.1/%d")),
	})})

	// 2. Mandatory KSDD waiting for Kabupaten Bandung's DPRD.
	s, e = term(month(2), 36)
	add(coopScenario{by: kbdg, day: -150, want: co.MenungguDPRD, c: co.Cooperation{
		Title: "Sistem Rujukan Pelayanan Kesehatan Lintas Batas Kota Bandung dan Kabupaten Bandung",
		Kind:  co.KindWajib, Parties: []co.Party{l.home(kbdg), l.region(kab)}, Urusan: []string{"1.02"}, Sector: "Q",
		Objectives: "Warga di perbatasan dirujuk ke rumah sakit terdekat tanpa memandang domisili administratif.",
		Scope:      "Rujukan berjenjang antar-RSUD, berbagi data ketersediaan tempat tidur dan ambulans gawat darurat terpadu.",
		Locations:  []string{kbdg, kab}, ValueIDR: 6_200_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: cat(offer(kbdg, kab), []coopStep{
		do(20, co.SignKB, kbdg), do(2, co.SignKB, kab).with(dprd(false, true)), do(6, co.RequestDPRD, kab),
	})})

	// 3. Voluntary KSDD executing, ending within 90 days, with a dispute.
	s, e = ending(35, 36)
	add(coopScenario{by: kbdg, day: -1250, want: co.Pelaksanaan, c: co.Cooperation{
		Title: "Perluasan Layanan Bus Trans Metro Bandung ke Kabupaten Bandung", Kind: co.KindSukarela,
		Parties: []co.Party{l.home(kbdg), l.region(kab)}, Urusan: []string{"2.15"}, Sector: "H",
		Objectives: "Menyambungkan koridor Trans Metro Bandung ke Baleendah dan Dayeuhkolot bagi komuter harian.",
		Scope:      "Dua koridor baru, halte bersama, integrasi tarif dan pembagian biaya operasional.",
		Locations:  []string{kbdg, kab}, ValueIDR: 12_400_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e, Published: true,
	}, steps: cat(offer(kbdg, kab), []coopStep{
		do(21, co.SignKB, kbdg), do(2, co.SignKB, kab), do(10, co.StartPKS, kbdg),
		do(30, co.SignPKS, kab), do(2, co.SignPKS, kbdg),
		do(0, co.RaiseDispute, kab).onDay(-90).upload(co.DocPKS).
			with(reason("Selisih perhitungan pembagian subsidi operasional koridor Baleendah tahun berjalan")),
	})})

	// 4. Voluntary KSDD offered, the answer still open.
	s, e = term(month(4), 36)
	add(coopScenario{by: kbdg, day: -40, want: co.Penawaran, c: co.Cooperation{
		Title: "Pengembangan Destinasi Wisata Terpadu Bandung Utara", Kind: co.KindSukarela,
		Parties: []co.Party{l.home(kbdg), l.region(kbb)}, Urusan: []string{"3.26"}, Sector: "I",
		Objectives: "Paket wisata bersama kota dan kawasan Lembang dengan promosi dan kalender acara terpadu.",
		Scope:      "Promosi bersama, pengelolaan arus lalu lintas akhir pekan dan pelatihan pelaku usaha wisata.",
		Locations:  []string{kbdg, kbb}, ValueIDR: 3_500_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: []coopStep{do(12, co.TKKSDReview, kbdg), do(6, co.SendOffer, kbdg)}})

	// 5. KSDPK with the demo university, executing, a result recorded.
	s, e = term(month(-10), 48)
	add(coopScenario{by: kbdg, day: -420, want: co.Pelaksanaan, c: co.Cooperation{
		Title: "Pendampingan Kurikulum Vokasi SMP Negeri bersama Universitas Mitra Bandung", Kind: co.KindKSDPK,
		Parties: []co.Party{l.home(kbdg), l.org(mitra, co.Ormas)}, Urusan: []string{"1.01"}, Sector: "P",
		Objectives: "Guru SMP negeri dilatih mengajar keterampilan digital dan kewirausahaan bersama dosen.",
		Scope:      "Pelatihan 400 guru, laboratorium keterampilan di 20 sekolah dan magang mahasiswa.",
		Locations:  []string{kbdg}, ValueIDR: 2_350_000_000, Financing: []co.Financing{co.FundAPBD, co.FundThirdParty},
		StartDate: s, EndDate: e, Published: true, Clauses: allClauses,
		FeasibilityStudy: study("Studi Kelayakan Program Vokasi SMP", l.region(kbdg), l.today.AddDays(-430)),
	}, steps: cat([]coopStep{do(15, co.TKKSDReview, kbdg).upload(co.DocStudiKelayakan), do(7, co.SendOffer, kbdg),
		do(10, co.AcceptOffer, mitra), do(20, co.SignKB, mitra), do(2, co.SignKB, kbdg), do(5, co.StartPKS, kbdg),
		do(30, co.SignPKS, mitra), do(2, co.SignPKS, kbdg),
		do(200, co.RecordResult, kbdg).upload(co.DocPKS).
			with(result(false, 0, "KIB B Dinas Pendidikan No. 027/Hibah-UMB/%d")),
	})})

	// 6. A third party's initiative: the company has signed the KB.
	s, e = term(month(3), 60)
	pt := l.org(air, co.BadanUsaha)
	pt.Initiator = true
	add(coopScenario{by: kab, day: -120, want: co.PenyusunanKB, c: co.Cooperation{
		Title: "Penyediaan Air Minum Curah untuk Kawasan Soreang dan Katapang", Kind: co.KindKSDPK,
		Parties: []co.Party{l.liaised(kab), pt}, Urusan: []string{"1.03"}, Sector: "E",
		Objectives: "Menambah 250 liter per detik air minum curah bagi PDAM di kawasan yang belum terlayani.",
		Scope:      "Pembangunan instalasi pengolahan air, pipa transmisi dan penjualan air curah kepada PDAM.",
		Locations:  []string{kab}, ValueIDR: 87_500_000_000, Financing: []co.Financing{co.FundThirdParty},
		StartDate: s, EndDate: e, Clauses: allClauses,
		FeasibilityStudy: study("Studi Kelayakan SPAM Soreang-Katapang", pt, l.today.AddDays(-130)),
	}, steps: []coopStep{do(14, co.TKKSDReview, kab).upload(co.DocStudiKelayakan), do(7, co.SendOffer, kab),
		do(10, co.AcceptOffer, air), do(20, co.SignKB, air)}})

	// 7. Sinergi with a ministry, executing, ending within 90 days.
	s, e = ending(80, 24)
	add(coopScenario{by: kbdg, day: -800, want: co.Pelaksanaan, c: co.Cooperation{
		Title: "Dukungan Program Buy The Service Trans Metro Pasundan di Kota Bandung", Kind: co.KindSinergi,
		Parties: []co.Party{l.home(kbdg), central("Kementerian Perhubungan")}, Urusan: []string{"2.15"}, Sector: "H",
		Objectives: "Layanan bus perkotaan dengan skema pembelian layanan dari pusat dan prasarana dari daerah.",
		Scope:      "Kementerian membeli layanan lima koridor; Pemerintah Kota menyediakan halte, lajur dan rekayasa lalu lintas.",
		Locations:  []string{kbdg}, ValueIDR: 18_200_000_000, Financing: []co.Financing{co.FundAPBN, co.FundAPBD},
		StartDate: s, EndDate: e, Published: true,
	}, steps: []coopStep{do(15, co.TKKSDReview, kbdg), do(7, co.SendOffer, kbdg),
		do(20, co.AcceptOffer, kbdg).forPartner(), do(20, co.SignNK, kbdg).forPartner(), do(1, co.SignNK, kbdg)}})

	// 8. Sinergi drafting its NK.
	s, e = term(month(2), 36)
	add(coopScenario{by: yk, day: -90, want: co.PenyusunanNK, c: co.Cooperation{
		Title: "Penataan Kawasan Sumbu Filosofi Yogyakarta", Kind: co.KindSinergi,
		Parties: []co.Party{l.home(yk), central("Kementerian Pekerjaan Umum")}, Urusan: []string{"1.03", "2.22"},
		Objectives: "Menata kawasan warisan dunia Sumbu Filosofi dari Tugu hingga Panggung Krapyak.",
		Scope:      "Revitalisasi trotoar dan drainase oleh Kementerian; penataan PKL dan parkir oleh Pemerintah Kota.",
		Locations:  []string{yk}, ValueIDR: 27_000_000_000, Financing: []co.Financing{co.FundAPBN, co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: []coopStep{do(10, co.TKKSDReview, yk), do(7, co.SendOffer, yk), do(25, co.AcceptOffer, yk).forPartner()}})

	// 9. KSDPL through the whole of Permendagri 25/2020, executing.
	s, e = term(month(-13), 60)
	add(coopScenario{by: sby, day: -820, want: co.Pelaksanaan, c: co.Cooperation{
		Title: "Green Sister City Surabaya–Kitakyushu: Pengelolaan Sampah dan Energi Rendah Karbon",
		Kind:  co.KindKSDPL, Parties: []co.Party{l.home(sby), foreign(co.PartyForeignGovernment, "JP", "Kota Kitakyushu")},
		Urusan: []string{"2.11", "1.03"}, Sector: "E",
		Objectives: "Alih pengetahuan pengomposan, pemilahan sampah dan efisiensi energi bangunan pemerintah.",
		Scope:      "Pertukaran tenaga ahli, pilot pengolahan sampah organik di 10 kelurahan dan pelatihan aparatur.",
		Locations:  []string{sby}, ValueIDR: 9_800_000_000, Financing: []co.Financing{co.FundHibah, co.FundAPBD},
		StartDate: s, EndDate: e, Published: true,
	}, steps: cat(prakarsa(sby), []coopStep{
		do(30, co.RecordDPRD, sby).with(decision("Keputusan DPRD Kota Surabaya No. 39/%d", "")),
		do(10, co.SubmitToMinister, sby), do(3, co.ForwardByGovernor, jatim),
		do(20, co.Verify, national), do(10, co.ApproveDrafting, national), do(30, co.SubmitDraft, sby),
		do(4, co.ForwardByGovernor, jatim),
		do(16, co.RecordMeeting, national).with(withDoc("", "BA Rapat Antarkementerian No. 5/%d")),
		do(30, co.RecordConfirm, national), do(15, co.ApproveMinister, national),
		do(20, co.SignNaskah, sby), do(1, co.SignNaskah, sby).forPartner(), do(14, co.StartExecution, sby),
	})})

	// 10. KSDPL before the Minister, waiting for the Gubernur to forward it.
	s, e = term(month(5), 60)
	add(coopScenario{by: kbdg, day: -200, want: co.DiajukanKeMenteri, c: co.Cooperation{
		Title: "Kota Bersaudara Bandung–Braunschweig: Pendidikan Vokasi dan Pertukaran Budaya",
		Kind:  co.KindKSDPL, Parties: []co.Party{l.home(kbdg), foreign(co.PartyForeignGovernment, "DE", "Stadt Braunschweig")},
		Urusan: []string{"1.01", "2.22"}, Sector: "P",
		Objectives: "Menghidupkan kembali kerja sama kota bersaudara sejak 1960 dengan program vokasi dual.",
		Scope:      "Magang guru SMK, pertukaran pelajar dan festival budaya tahunan di kedua kota.",
		Locations:  []string{kbdg}, ValueIDR: 4_600_000_000, Financing: []co.Financing{co.FundAPBD, co.FundHibah},
		StartDate: s, EndDate: e,
	}, steps: cat(prakarsa(kbdg), []coopStep{
		do(25, co.RecordDPRD, kbdg).with(decision("Keputusan DPRD Kota Bandung No. 172.2/Kep.31-DPRD/%d", "")),
		do(0, co.SubmitToMinister, kbdg).onDay(-3),
	})})

	// 11. KSDLL with an international organisation, before its DPRD.
	s, e = term(month(6), 36)
	add(coopScenario{by: mks, day: -110, want: co.MenungguDPRD, c: co.Cooperation{
		Title: "Penguatan Kota Layak Anak dan Layanan Kesehatan Ibu dan Anak di Makassar", Kind: co.KindKSDLL,
		Parties: []co.Party{l.home(mks), foreign(co.PartyForeignInstitution, "", "United Nations Children's Fund (UNICEF)")},
		Urusan:  []string{"2.08", "1.02"}, Sector: "Q",
		Objectives: "Menurunkan angka stunting dan memperkuat layanan perlindungan anak di tingkat kelurahan.",
		Scope:      "Pendampingan teknis posyandu, sistem data anak terpadu dan pelatihan konselor.",
		Locations:  []string{mks}, ValueIDR: 5_300_000_000, Financing: []co.Financing{co.FundHibah, co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: prakarsa(mks)})

	// 12. Mandatory KSDD ended early: its goal achieved.
	s, e = term(month(-30), 48)
	add(coopScenario{by: sby, day: -1080, want: co.Berakhir, c: co.Cooperation{
		Title: "Penanganan Banjir dan Normalisasi Saluran Perbatasan Surabaya–Sidoarjo", Kind: co.KindWajib,
		Parties: []co.Party{l.home(sby), l.region(sda)}, Urusan: []string{"1.03"}, Sector: "F",
		Objectives: "Mengurangi genangan di kawasan perbatasan Waru dan Gunung Anyar.",
		Scope:      "Normalisasi saluran primer, pembangunan rumah pompa dan pemeliharaan bersama.",
		Locations:  []string{sby, sda}, ValueIDR: 21_600_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e, Published: true,
	}, steps: cat(offer(sby, sda), []coopStep{
		do(20, co.SignKB, sby), do(2, co.SignKB, sda), do(10, co.StartPKS, sby),
		do(20, co.SignPKS, sby), do(3, co.SignPKS, sda),
		do(0, co.Terminate, sby).onDay(-60).upload(co.DocPKS).with(func(in *co.Input, _ co.Date) {
			in.EndReason, in.Reason = co.EndGoalAchieved,
				"Normalisasi dan rumah pompa selesai; genangan di perbatasan tidak terjadi lagi dua musim hujan"
		}),
	})})

	// 13. Mandatory KSDD of three, the Kartamantul secretariat, ending within 90 days.
	s, e = ending(60, 60)
	e = s.AddMonths(60)
	add(coopScenario{by: yk, day: -1960, want: co.Pelaksanaan, c: co.Cooperation{
		Title: "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan", Kind: co.KindWajib,
		Parties: []co.Party{l.home(yk), l.region(slm), l.region(btl)}, Urusan: []string{"1.03", "2.11"}, Sector: "E",
		Objectives: "Pengelolaan bersama tempat pengolahan sampah terpadu bagi Yogyakarta, Sleman dan Bantul.",
		Scope:      "Operasional TPST, pembagian biaya per tonase, penutupan bertahap zona lama dan pengolahan lindi.",
		Locations:  []string{btl}, ValueIDR: 36_900_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e, Continuous: true, Published: true,
	}, steps: cat(offer(yk, slm, btl), []coopStep{
		do(20, co.SignKB, yk), do(1, co.SignKB, slm), do(1, co.SignKB, btl), do(10, co.StartPKS, yk),
		do(20, co.SignPKS, yk), do(1, co.SignPKS, slm), do(1, co.SignPKS, btl),
		do(60, co.AttachSecr, yk).upload(co.DocPKS).
			with(withDoc("", "Keputusan Bersama Sekretariat Bersama Kartamantul No. 3/%d")),
		do(0, co.Amend, slm).onDay(-400).with(withDoc("Penyesuaian tarif jasa pengolahan per ton",
			"Adendum II PKS Kartamantul No. 14/%d")),
		do(0, co.RecordReport, slm).onDay(-330).with(withDoc("", "Laporan Pelaksanaan Kerja Sama Kartamantul Kabupaten Sleman %d")),
	})})

	// 14. Voluntary KSDD refused by Makassar's DPRD.
	s, e = term(month(2), 36)
	add(coopScenario{by: mks, day: -200, want: co.DitolakDPRD, c: co.Cooperation{
		Title: "Pemasaran Hasil Pertanian Gowa melalui Pasar Tani Kota Makassar", Kind: co.KindSukarela,
		Parties: []co.Party{l.home(mks), l.region(gowa)}, Urusan: []string{"3.27", "3.30"}, Sector: "A",
		Objectives: "Petani Gowa menjual langsung sayur dan beras ke pasar tani kota tanpa perantara.",
		Scope:      "Lapak pasar tani mingguan, subsidi angkutan hasil panen dan sistem informasi harga.",
		Locations:  []string{mks, gowa}, ValueIDR: 4_100_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: cat(offer(mks, gowa), []coopStep{
		do(15, co.SignKB, mks).with(dprd(true, false)), do(1, co.SignKB, gowa), do(7, co.RequestDPRD, mks),
		do(40, co.RejectDPRD, mks).with(decision("Keputusan DPRD Kota Makassar No. 17/%d",
			"Subsidi angkutan dinilai membebani APBD dan belum sesuai prioritas")),
	})})

	// 15. Mandatory KSDD with its KB signed.
	s, e = term(month(3), 60)
	add(coopScenario{by: mks, day: -100, want: co.KBDitandatangani, c: co.Cooperation{
		Title: "Penyediaan Air Baku dari Bendungan Bili-Bili untuk Kota Makassar", Kind: co.KindWajib,
		Parties: []co.Party{l.home(mks), l.region(gowa)}, Urusan: []string{"1.03"}, Sector: "E",
		Objectives: "Menjamin pasokan air baku bagi instalasi pengolahan air minum Kota Makassar.",
		Scope:      "Alokasi debit, kompensasi konservasi daerah tangkapan air dan pemeliharaan saluran induk.",
		Locations:  []string{gowa, mks}, ValueIDR: 35_000_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: cat(offer(mks, gowa), []coopStep{
		do(12, co.SignKB, gowa).with(dprd(false, true)), do(3, co.SignKB, mks),
	})})

	// 16. Voluntary KSDD declined by the partner.
	s, e = term(month(1), 24)
	add(coopScenario{by: kbdg, day: -160, want: co.Ditolak, c: co.Cooperation{
		Title: "Pertukaran Pengetahuan Kota Cerdas dan Pelayanan Publik Digital Bandung–Surabaya",
		Kind:  co.KindSukarela, Parties: []co.Party{l.home(kbdg), l.region(sby)}, Urusan: []string{"2.16"}, Sector: "J",
		Objectives: "Berbagi aplikasi layanan publik dan pusat komando kota antara dua kota besar.",
		Scope:      "Studi tiru, berbagi kode sumber aplikasi layanan dan pelatihan aparatur.",
		Locations:  []string{kbdg, sby}, ValueIDR: 850_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: []coopStep{do(10, co.TKKSDReview, kbdg), do(5, co.SendOffer, kbdg),
		do(20, co.DeclineOffer, sby).with(reason("Belum termasuk prioritas RKPD Kota Surabaya tahun ini"))}})

	// 17. KSDPK with the water company, its term expired.
	s, e = ending(-20, 36)
	add(coopScenario{by: kbdg, day: -1300, want: co.Berakhir, c: co.Cooperation{
		Title: "Pengelolaan Air Minum Kawasan Bandung Timur", Kind: co.KindKSDPK,
		Parties: []co.Party{l.home(kbdg), l.org(air, co.BadanUsaha)}, Urusan: []string{"1.03"}, Sector: "E",
		Objectives: "Melayani sambungan air minum di Kecamatan Cibiru dan Panyileukan.",
		Scope:      "Pengoperasian instalasi pengolahan air dan 4.000 sambungan rumah, dengan bagi hasil ke kas daerah.",
		Locations:  []string{kbdg}, ValueIDR: 15_750_000_000, Financing: []co.Financing{co.FundThirdParty},
		StartDate: s, EndDate: e, Published: true, Clauses: allClauses,
		FeasibilityStudy: study("Studi Kelayakan SPAM Bandung Timur", l.region(kbdg), l.today.AddDays(-1310)),
	}, steps: []coopStep{do(14, co.TKKSDReview, kbdg).upload(co.DocStudiKelayakan), do(7, co.SendOffer, kbdg),
		do(14, co.AcceptOffer, air), do(20, co.SignKB, air), do(2, co.SignKB, kbdg), do(10, co.StartPKS, kbdg),
		do(30, co.SignPKS, air), do(2, co.SignPKS, kbdg),
		do(0, co.RecordResult, kbdg).onDay(-500).upload(co.DocPKS).
			with(result(true, 1_250_000_000, "STS Bagi Hasil No. 974/BPKAD/%d")),
		do(0, co.Expire, kbdg).onDay(-19),
	}})

	// 18. The province's plan, still in preparation.
	s, e = term(month(6), 60)
	add(coopScenario{by: jabar, day: -12, want: co.Persiapan, c: co.Cooperation{
		Title: "Pengendalian Banjir Cekungan Bandung di DAS Citarum Hulu", Kind: co.KindWajib,
		Parties: []co.Party{l.home(jabar), l.region(kbdg), l.region(kab)}, Urusan: []string{"1.03"}, Sector: "F",
		Objectives: "Mengurangi banjir tahunan di Dayeuhkolot, Baleendah dan Bandung timur.",
		Scope:      "Kolam retensi, pengerukan anak sungai Citarum dan sistem peringatan dini bersama.",
		Locations:  []string{kbdg, kab}, ValueIDR: 64_000_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}})

	// 19. Mandatory KSDD reviewed by the TKKSD, ready to offer.
	s, e = term(month(3), 60)
	add(coopScenario{by: yk, day: -30, want: co.SiapDitawarkan, c: co.Cooperation{
		Title: "Pengelolaan Air Limbah Domestik Terpadu IPAL Sewon", Kind: co.KindWajib,
		Parties: []co.Party{l.home(yk), l.region(btl)}, Urusan: []string{"1.03"}, Sector: "E",
		Objectives: "Menyalurkan air limbah domestik kota ke IPAL Sewon dan memperluas sambungan rumah.",
		Scope:      "Pemeliharaan jaringan perpipaan, operasional IPAL dan pembagian biaya per sambungan.",
		Locations:  []string{yk, btl}, ValueIDR: 11_300_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: []coopStep{do(14, co.TKKSDReview, yk)}})

	// 20. Mandatory KSDD drafting its PKS (no DPRD needed).
	s, e = term(month(2), 60)
	add(coopScenario{by: sby, day: -130, want: co.PenyusunanPKS, c: co.Cooperation{
		Title: "Pengelolaan Bersama Terminal Purabaya (Bungurasih)", Kind: co.KindWajib,
		Parties: []co.Party{l.home(sby), l.region(sda)}, Urusan: []string{"2.15"}, Sector: "H",
		Objectives: "Menata terminal tipe A di wilayah Sidoarjo yang dikelola bersama Kota Surabaya.",
		Scope:      "Pembagian retribusi, pengaturan lalu lintas di sekitar terminal dan integrasi Suroboyo Bus.",
		Locations:  []string{sda}, ValueIDR: 9_400_000_000, Financing: []co.Financing{co.FundAPBD},
		StartDate: s, EndDate: e,
	}, steps: cat(offer(sby, sda), []coopStep{
		do(15, co.SignKB, sda), do(2, co.SignKB, sby), do(10, co.StartPKS, sby),
	})})

	// 21. KSDLL at its study.
	s, e = term(month(8), 36)
	add(coopScenario{by: yk, day: -25, want: co.Kajian, c: co.Cooperation{
		Title: "Kajian Mobilitas Perkotaan Rendah Emisi Kota Yogyakarta", Kind: co.KindKSDLL,
		Parties: []co.Party{l.home(yk), foreign(co.PartyForeignInstitution, "DE",
			"Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)")},
		Urusan: []string{"2.15", "2.11"}, Sector: "H",
		Objectives: "Menyiapkan rencana mobilitas rendah emisi untuk kawasan Malioboro dan sekitarnya.",
		Scope:      "Pendampingan teknis, survei perjalanan dan rancangan jalur sepeda.",
		Locations:  []string{yk}, ValueIDR: 2_100_000_000, Financing: []co.Financing{co.FundHibah},
		StartDate: s, EndDate: e,
	}, steps: []coopStep{do(5, co.StartExploration, yk), do(10, co.PrepareStudy, yk).upload(co.DocKajian)}})
	return out
}
