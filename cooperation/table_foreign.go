package cooperation

var foreignKinds = []Kind{KindKSDPL, KindKSDLL}

// foreignTable is the KSDPL/KSDLL lifecycle of Permendagri 25/2020 Pasal
// 9–26 (REGULATION.md §12, §14.3). The Minister's steps (verification,
// inter-ministerial meeting, confirmation, approval) are recorded by the
// national administrator.
var foreignTable = []Transition{
	{Name: StartExploration, From: []Stage{Prakarsa}, To: Penjajakan, Kinds: foreignKinds, Who: whoHome,
		Guards: []Guard{v01, v05}},
	{Name: PrepareStudy, From: []Stage{Penjajakan}, To: Kajian, Kinds: foreignKinds, Who: whoHome},
	{Name: ConsultLoI, From: []Stage{Kajian}, To: KonsultasiLoI, Kinds: foreignKinds, Who: whoHome,
		Docs: []DocType{DocKajian}},
	// PMDN25 Pasal 13–14: the LoI is signed after the consultation's
	// written response from the Ministers (through the Sekjen).
	{Name: SignLoI, From: []Stage{KonsultasiLoI}, To: LoIDitandatangani, Kinds: foreignKinds, Who: whoHome,
		Guards: []Guard{v10}, Docs: []DocType{DocTanggapanLoI, DocLoI}, Effect: effLoI},
	// V-15: a lapsed LoI sends the cooperation back to seek a new one.
	{Name: LapseLoI, From: []Stage{LoIDitandatangani, RencanaKerjaSama, MenungguDPRD}, To: KonsultasiLoI,
		Kinds: foreignKinds, Who: whoHomeOrNational, Guards: []Guard{v15Lapsed}, Effect: effLapseLoI},
	{Name: DraftPlan, From: []Stage{LoIDitandatangani}, To: RencanaKerjaSama, Kinds: foreignKinds, Who: whoHome,
		Guards: []Guard{v15}, Docs: []DocType{DocRencanaKerjaSama}},
	// PMDN25 Pasal 16: the request attaches the plan and the LoI.
	{Name: RequestDPRD, From: []Stage{RencanaKerjaSama}, To: MenungguDPRD, Kinds: foreignKinds, Who: whoHome,
		Guards: []Guard{v12Required, v15}, Docs: []DocType{DocRencanaKerjaSama, DocLoI},
		Deadline: PDPRDForeign, Effect: effForeignDPRD},
	{Name: RecordDPRD, From: []Stage{MenungguDPRD}, Kinds: foreignKinds, Who: whoParty,
		Guards: []Guard{dprdDecided}, Docs: []DocType{DocKeputusanDPRD}, Effect: effDPRD(DPRDApproved)},
	{Name: RejectDPRD, From: []Stage{MenungguDPRD}, To: DitolakDPRD, Kinds: foreignKinds, Who: whoParty,
		Guards: []Guard{dprdDecided}, Docs: []DocType{DocKeputusanDPRD}, Effect: effDPRD(DPRDRejected)},
	{Name: DeemDPRD, From: []Stage{MenungguDPRD}, Kinds: foreignKinds, Who: whoParty,
		Guards: []Guard{v12Deemed}, Effect: effDPRD(DPRDDeemed)},
	{Name: SubmitToMinister, From: []Stage{RencanaKerjaSama, MenungguDPRD}, To: DiajukanKeMenteri,
		Kinds: foreignKinds, Who: whoHome, Guards: []Guard{v12Approved, v15, v14, calendarIfRegency},
		Docs: []DocType{DocKajian, DocLoI, DocRencanaKerjaSama}, Effect: effSubmit},
	// A kab/kota's plan (Pasal 18(4)–(5)) and later its draft Naskah
	// (Pasal 20(3)–(4)) reach the Minister through the Gubernur, who has
	// five working days; after them the kab/kota may send directly.
	{Name: ForwardByGovernor, From: atMinisterGate, Kinds: foreignKinds, Who: whoGovernor,
		Guards: []Guard{notYetRouted}, Effect: func(x *ctx, c *Cooperation, _ map[string]string) {
			c.GovernorForwarded, c.RoutedOn = true, x.on()
		}},
	{Name: SendDirect, From: atMinisterGate, Kinds: foreignKinds, Who: whoHomeRegency,
		Guards: []Guard{notYetRouted, governorLate}, Effect: func(x *ctx, c *Cooperation, _ map[string]string) {
			c.DirectToMinister, c.RoutedOn = true, x.on()
		}},
	// V-17: verification checks kajian, LoI, plan and DPRD approval (PMDN25 Pasal 19(2)).
	{Name: Verify, From: []Stage{DiajukanKeMenteri}, To: Verifikasi, Kinds: foreignKinds, Who: whoNational,
		Guards: []Guard{v12Approved, routed}, Docs: []DocType{DocKajian, DocLoI, DocRencanaKerjaSama}},
	// PMDN25 Pasal 19(3): the verification ends in the Minister's written
	// consideration, to correct the plan or to draft the Naskah.
	{Name: ReturnPlan, From: []Stage{Verifikasi}, To: RencanaKerjaSama, Kinds: foreignKinds, Who: whoNational,
		Guards: []Guard{needReason}, Docs: []DocType{DocPertimbanganMen}, Effect: unrouted},
	{Name: ApproveDrafting, From: []Stage{Verifikasi}, To: RancanganNaskah, Kinds: foreignKinds, Who: whoNational,
		Docs: []DocType{DocPertimbanganMen}, Effect: unrouted},
	{Name: SubmitDraft, From: []Stage{RancanganNaskah}, To: PembahasanAntarkementrian, Kinds: foreignKinds,
		Who: whoHome, Guards: []Guard{calendarIfRegency}, Docs: []DocType{DocRancanganNaskah}, Effect: effSubmit},
	{Name: RecordMeeting, From: []Stage{PembahasanAntarkementrian}, To: PembahasanMitra, Kinds: foreignKinds,
		Who: whoNational, Guards: []Guard{routed, docRef}},
	{Name: RecordConfirm, From: []Stage{PembahasanMitra}, To: SuratKonfirmasi, Kinds: foreignKinds,
		Who: whoNational, Docs: []DocType{DocSuratKonfirmasi}},
	{Name: ApproveMinister, From: []Stage{SuratKonfirmasi}, To: PersetujuanMenteri, Kinds: foreignKinds,
		Who: whoNational, Docs: []DocType{DocSuratKonfirmasi, DocPersetujuanMen}},
	{Name: SignNaskah, From: []Stage{PersetujuanMenteri}, To: NaskahDitandatangani, Kinds: foreignKinds,
		Who: whoParty, Step: stepNaskah, Guards: []Guard{v10, v14}, Docs: []DocType{DocPersetujuanMen}, Final: []DocType{DocNaskah},
		Effect: effSign(func(p *Party) **Signature { return &p.Naskah })},
	// PMDN25 Pasal 26: execution follows an annual activity plan.
	{Name: StartExecution, From: []Stage{NaskahDitandatangani}, To: Pelaksanaan, Kinds: foreignKinds,
		Who: whoHome, Docs: []DocType{DocNaskah, DocRencanaKegiatan}},
	{Name: Amend, From: executing, Kinds: foreignKinds, Who: whoParty,
		Guards: []Guard{needReason, docRef}, Docs: []DocType{DocAddendum}, Effect: effAmend},
	{Name: Extend, From: executing, Kinds: foreignKinds, Who: whoParty, Guards: []Guard{extension, v16},
		Effect: effExtend},
	{Name: Terminate, From: executing, To: Berakhir, Kinds: foreignKinds, Who: whoParty, Guards: []Guard{v18, mutualAgreementRef},
		Effect: effTerminate},
	{Name: Expire, From: executing, To: Berakhir, Kinds: foreignKinds, Who: whoHomeOrNational,
		Guards: []Guard{termOver}, Effect: effExpire},
	{Name: RaiseDispute, From: executing, Kinds: foreignKinds, Who: whoParty, Guards: []Guard{needReason},
		Effect: effDispute},
	// Pelaporan (PP 28/2018 Pasal 6(1)(j)): each party reports on the
	// implementation, with the report on file.
	{Name: RecordReport, From: executing, Kinds: foreignKinds, Who: whoParty, Guards: []Guard{docRef},
		Docs: []DocType{DocLaporan}, Effect: effReport},
}

func homeIsRegency(c Cooperation) bool {
	h := c.home()
	return h >= 0 && isRegency(c.Parties[h].Region)
}

// calendarIfRegency: a kab/kota submission starts the Gubernur's working
// days (V-20).
var calendarIfRegency = Guard{"V-20", func(x *ctx) []Problem {
	if homeIsRegency(x.c) && x.in.Calendar == nil {
		return []Problem{prob("V-20", "coop.calendar_missing", "", PGovernorForward)}
	}
	return nil
}}

// atMinisterGate are the stages where a kab/kota's submission waits for
// the Gubernur: the plan (DiajukanKeMenteri) and the draft Naskah
// (PembahasanAntarkementrian, until the Gubernur forwards it or the
// kab/kota sends it directly).
var atMinisterGate = []Stage{DiajukanKeMenteri, PembahasanAntarkementrian}

// unrouted starts a new submission through the Gubernur: a plan sent back
// for repair, or a draft Naskah after the plan was verified, is routed
// afresh.
func unrouted(_ *ctx, c *Cooperation, _ map[string]string) {
	c.GovernorForwarded, c.DirectToMinister, c.RoutedOn = false, false, Date{}
}

var notYetRouted = Guard{RuleOrder, func(x *ctx) []Problem {
	if x.c.GovernorForwarded || x.c.DirectToMinister {
		return []Problem{prob(RuleOrder, "coop.already_routed", "")}
	}
	return nil
}}

// governorLate: the kab/kota may send directly only after the Gubernur let
// five working days pass since its latest submission (PMDN25 Pasal 18(5),
// 20(4)): the sending is dated after his deadline.
var governorLate = Guard{RuleTime, func(x *ctx) []Problem {
	d, ok := x.c.latestDeadline(PGovernorForward)
	if ok && x.on().After(d.Due) {
		return nil
	}
	return []Problem{prob(RuleTime, "coop.governor_time_running", "on", d.Due.String())}
}}

// routed: a kab/kota plan, and later its draft Naskah, reaches the
// Minister through the Gubernur or, after his deadline, directly; the
// Minister's act on it is not dated before it arrived.
var routed = Guard{"V-17", func(x *ctx) []Problem {
	switch {
	case homeIsRegency(x.c) && !x.c.GovernorForwarded && !x.c.DirectToMinister:
		return []Problem{prob("V-17", "coop.not_routed", "")}
	case !x.c.RoutedOn.IsZero() && x.on().Before(x.c.RoutedOn):
		return []Problem{prob(RuleInput, "coop.date_before_routing", "on", x.on().String(), x.c.RoutedOn.String())}
	}
	return nil
}}
