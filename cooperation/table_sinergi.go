package cooperation

var sinergiKinds = []Kind{KindSinergi}

// sinergiTable is the central–regional programme support (PP 28/2018
// Pasal 46: a binding agreement, each level funding its part). The steps
// follow practice [S] (Yogyakarta, Samarinda: offer letter + KAK + draft NK
// + RK, TKKSD evaluation, NK + RK signed: the signed NK is on file before
// the last signature, like the KB's): persiapan → siap_ditawarkan →
// penawaran → penyusunan_nk → pelaksanaan → berakhir / ditolak.
var sinergiTable = []Transition{
	{Name: TKKSDReview, From: []Stage{Persiapan}, To: SiapDitawarkan, Kinds: sinergiKinds, Who: whoHome,
		Guards: []Guard{v01, v05, v14, v22, tkksdConsidered}, Docs: []DocType{DocKAK}},
	{Name: SendOffer, From: []Stage{SiapDitawarkan}, To: Penawaran, Kinds: sinergiKinds, Who: whoHome,
		Guards: []Guard{v22}, Docs: []DocType{DocSuratPenawaran, DocDraftNK, DocRencanaKerja},
		Deadline: POfferAnswer, Effect: effOffer},
	{Name: AcceptOffer, From: []Stage{Penawaran}, To: PenyusunanNK, Kinds: sinergiKinds, Who: whoPartner,
		Step: stepAccept, Guards: []Guard{offerOpen}, Docs: []DocType{DocSuratTanggapan},
		Effect: effAnswer(AnswerAccepted)},
	{Name: DeclineOffer, From: []Stage{Penawaran}, To: Ditolak, Kinds: sinergiKinds, Who: whoPartner,
		Guards: []Guard{needReason}, Docs: []DocType{DocSuratTanggapan}, Effect: effAnswer(AnswerDeclined)},
	{Name: LapseOffer, From: []Stage{Penawaran}, To: Ditolak, Kinds: sinergiKinds, Who: whoHomeOrNational,
		Guards: []Guard{offerLapsed}},
	{Name: SignNK, From: []Stage{PenyusunanNK}, To: Pelaksanaan, Kinds: sinergiKinds, Who: whoParty,
		Step: stepNK, Guards: []Guard{v10, v14}, Docs: []DocType{DocRencanaKerja}, Final: []DocType{DocNotaKesepakatan},
		Effect: effSign(func(p *Party) **Signature { return &p.NK })},
	{Name: Amend, From: executing, Kinds: sinergiKinds, Who: whoParty,
		Guards: []Guard{needReason, docRef}, Docs: []DocType{DocAddendum}, Effect: effAmend},
	// An extension is the parties' agreement: their signed addendum.
	{Name: Extend, From: executing, Kinds: sinergiKinds, Who: whoParty, Guards: []Guard{extension},
		Docs: []DocType{DocAddendum}, Effect: effExtend},
	{Name: Terminate, From: executing, To: Berakhir, Kinds: sinergiKinds, Who: whoParty, Guards: []Guard{v18, mutualAgreementRef},
		Effect: effTerminate},
	{Name: Expire, From: executing, To: Berakhir, Kinds: sinergiKinds, Who: whoHomeOrNational,
		Guards: []Guard{termOver}, Effect: effExpire},
	{Name: RaiseDispute, From: executing, Kinds: sinergiKinds, Who: whoParty, Guards: []Guard{needReason},
		Effect: effDispute},
	// Pelaporan (PP 28/2018 Pasal 6(1)(j)): each party reports on the
	// implementation, with the report on file.
	{Name: RecordReport, From: executing, Kinds: sinergiKinds, Who: whoParty, Guards: []Guard{docRef},
		Docs: []DocType{DocLaporan}, Effect: effReport},
}
