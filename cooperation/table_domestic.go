package cooperation

var (
	domKinds  = []Kind{KindWajib, KindSukarela, KindKSDPK}
	ksddKinds = []Kind{KindWajib, KindSukarela}
	executing = []Stage{Pelaksanaan}
)

// prepGuards are the master-data rules checked when the TKKSD releases the
// plan (G-1: a mandatory KSDD needs V-07, a KSDPK V-08).
var prepGuards = []Guard{
	v01, onlyFor(v03, ksddKinds...), onlyFor(v02, KindWajib), onlyFor(v04, KindKSDPK),
	v05, onlyFor(v06, domKinds...), onlyFor(v07, KindWajib), onlyFor(v08, KindKSDPK), v14, v22, tkksdConsidered,
}

// domesticTable is the KSDD/KSDPK lifecycle of REGULATION.md §14.2 (PP
// 28/2018 Pasal 6(1), applied to KSDPK by Pasal 19(1)).
var domesticTable = []Transition{
	{Name: TKKSDReview, From: []Stage{Persiapan}, To: SiapDitawarkan, Kinds: ksddKinds, Who: whoHome,
		Guards: prepGuards, Docs: []DocType{DocKAK}},
	// A KSDPK (often a third party's initiative) rests on its studi
	// kelayakan (V-08) rather than on a KAK.
	{Name: TKKSDReview, From: []Stage{Persiapan}, To: SiapDitawarkan, Kinds: []Kind{KindKSDPK}, Who: whoHome,
		Guards: prepGuards},
	{Name: SendOffer, From: []Stage{SiapDitawarkan}, To: Penawaran, Kinds: domKinds, Who: whoHome,
		Guards: []Guard{v22, onlyFor(v08, KindKSDPK)}, Docs: []DocType{DocSuratPenawaran, DocDraftKB},
		Deadline: POfferAnswer, Effect: effOffer},
	{Name: AcceptOffer, From: []Stage{Penawaran}, To: PenyusunanKB, Kinds: domKinds, Who: whoPartner,
		Step: stepAccept, Guards: []Guard{offerOpen, onlyFor(v08, KindKSDPK)}, Docs: []DocType{DocSuratTanggapan},
		Effect: effAnswer(AnswerAccepted)},
	{Name: DeclineOffer, From: []Stage{Penawaran}, To: Ditolak, Kinds: domKinds, Who: whoPartner,
		Guards: []Guard{needReason}, Docs: []DocType{DocSuratTanggapan}, Effect: effAnswer(AnswerDeclined)},
	{Name: LapseOffer, From: []Stage{Penawaran}, To: Ditolak, Kinds: domKinds, Who: whoHomeOrNational,
		Guards: []Guard{offerLapsed}},
	{Name: SignKB, From: []Stage{PenyusunanKB}, To: KBDitandatangani, Kinds: domKinds, Who: whoParty,
		Step: stepKB, Guards: []Guard{v10, v11Assess, onlyFor(v08, KindKSDPK)}, Docs: []DocType{DocDraftKB},
		Final: []DocType{DocKB}, Effect: effSignKB},
	{Name: RequestDPRD, From: []Stage{KBDitandatangani}, To: MenungguDPRD, Kinds: domKinds, Who: whoParty,
		Guards: []Guard{v11SomeRequired}, Docs: []DocType{DocKB}},
	{Name: RecordDPRD, From: []Stage{MenungguDPRD}, To: PenyusunanPKS, Kinds: domKinds, Who: whoParty,
		Step: stepDPRDDom, Guards: []Guard{dprdDecided}, Docs: []DocType{DocKeputusanDPRD},
		Effect: effDPRD(DPRDApproved)},
	{Name: RejectDPRD, From: []Stage{MenungguDPRD}, To: DitolakDPRD, Kinds: domKinds, Who: whoParty,
		Guards: []Guard{dprdDecided}, Docs: []DocType{DocKeputusanDPRD}, Effect: effDPRD(DPRDRejected)},
	// G-2: the PKS is drafted only after the KB is signed.
	{Name: StartPKS, From: []Stage{KBDitandatangani}, To: PenyusunanPKS, Kinds: domKinds, Who: whoParty,
		Guards: []Guard{v11NoneRequired}, Docs: []DocType{DocKB}},
	{Name: SignPKS, From: []Stage{PenyusunanPKS}, To: Pelaksanaan, Kinds: domKinds, Who: whoParty,
		Step: stepPKS, Guards: []Guard{v10, v11Approved, onlyFor(v09, KindKSDPK), onlyFor(v08, KindKSDPK), v14},
		Docs: []DocType{DocKB, DocDraftPKS}, Final: []DocType{DocPKS}, Effect: effSign(func(p *Party) **Signature { return &p.PKS })},
	// §3 h: execution rests on the signed PKS, so what changes it (an
	// addendum, an extension) needs that document on file.
	{Name: Amend, From: executing, Kinds: domKinds, Who: whoParty,
		Guards: []Guard{needReason, docRef}, Docs: []DocType{DocPKS, DocAddendum}, Effect: effAmend},
	// An extension is the parties' agreement: their signed addendum.
	{Name: Extend, From: executing, Kinds: domKinds, Who: whoParty, Guards: []Guard{extension},
		Docs: []DocType{DocPKS, DocAddendum}, Effect: effExtend},
	{Name: Terminate, From: executing, To: Berakhir, Kinds: domKinds, Who: whoParty, Guards: []Guard{v18, mutualAgreementRef},
		Effect: effTerminate},
	{Name: Expire, From: executing, To: Berakhir, Kinds: domKinds, Who: whoHomeOrNational,
		Guards: []Guard{termOver}, Effect: effExpire},
	{Name: RaiseDispute, From: executing, Kinds: domKinds, Who: whoParty, Guards: []Guard{needReason},
		Effect: effDispute},
	// G-4: an unexecuted mandatory cooperation may be taken over at any
	// point before execution, also after a refusal.
	{Name: TakeOver, From: append(append([]Stage{}, beforeExecution...), Ditolak, DitolakDPRD),
		Kinds: []Kind{KindWajib}, Who: whoTakeover, Guards: []Guard{takeoverRecords}, Effect: takeoverEffect},
	// G-3: a sekretariat kerja sama for a mandatory KSDD in execution.
	{Name: AttachSecr, From: executing, Kinds: []Kind{KindWajib}, Who: whoParty, Guards: []Guard{v13},
		Effect: effSecretariat},
	{Name: RecordResult, From: executing, Kinds: []Kind{KindKSDPK}, Who: whoParty, Guards: []Guard{v19},
		Effect: effResult},
	// Pelaporan (PP 28/2018 Pasal 6(1)(j)): each party reports on the
	// implementation, with the report on file.
	{Name: RecordReport, From: executing, Kinds: domKinds, Who: whoParty, Guards: []Guard{docRef},
		Docs: []DocType{DocLaporan}, Effect: effReport},
	// V-08 names the feasibility study by its record; once the draft is no
	// longer edited (after preparation) a party (the region's team, or the
	// third party that prepared the study) records or corrects it with this
	// step, up to the signing of the PKS.
	{Name: RecordStudy, From: beforeExecution, Kinds: []Kind{KindKSDPK},
		Who: whoParty, Guards: []Guard{studyGiven}, Docs: []DocType{DocStudiKelayakan}, Effect: effStudy},
}

// docRef: an event that rests on a document names it.
var docRef = Guard{RuleInput, func(x *ctx) []Problem {
	if x.in.DocRef == "" {
		return []Problem{prob(RuleInput, "coop.doc_ref_missing", "doc_ref")}
	}
	return nil
}}
