package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/app"
	co "github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/tkksd"
	"github.com/jalin-ksd/jalin/workday"
)

// The demo cooperations are not written as finished rows: each is created
// in its first stage and taken through the real lifecycle, one
// cooperation.Apply at a time inside UpdateCooperation, by the team of the
// party that acts, after uploading the documents the step requires. A step
// the rules refuse stops the demo with the refusal, so the demo never holds
// a state the rules would not allow.
//
// Days are counted from today in WIB, so that the same cooperations are
// always about to end whenever the demo is loaded. While the story is
// written the store's clock follows it (sqlstore.DB.SetNow, which is why
// Load must run before the store is shared), so that creation, upload,
// timeline and audit times agree; the steps of all cooperations run in the
// order of their dates, keeping the audit trail chronological.

// coopScenario is one demo cooperation: its master data, who creates it and
// when (days from today), its steps and the stage it must reach.
type coopScenario struct {
	c     co.Cooperation
	by    string // actor key (see coopLoader.actor)
	day   int
	want  co.Stage
	steps []coopStep
}

// coopStep is one transition. day counts from the previous step, or from
// today when fixed.
type coopStep struct {
	t       co.TransitionName
	by      string
	day     int
	fixed   bool
	partner bool // recorded for the userless partner (ministry, foreign party)
	docs    []co.DocType
	in      func(in *co.Input, on co.Date)
}

func do(day int, t co.TransitionName, by string) coopStep { return coopStep{t: t, by: by, day: day} }

func (s coopStep) forPartner() coopStep { s.partner = true; return s }

func (s coopStep) upload(d ...co.DocType) coopStep { s.docs = append(s.docs, d...); return s }

func (s coopStep) with(f func(*co.Input, co.Date)) coopStep { s.in = f; return s }

func (s coopStep) onDay(day int) coopStep { s.day, s.fixed = day, true; return s }

// Inputs the steps give.
func dprd(burdens, notBudgeted bool) func(*co.Input, co.Date) {
	return func(in *co.Input, _ co.Date) {
		in.DPRD = &co.DPRDAssessment{BurdensCommunity: burdens, NotBudgeted: notBudgeted}
	}
}

// decision records a DPRD decision; ref takes the year.
func decision(ref, why string) func(*co.Input, co.Date) {
	return func(in *co.Input, on co.Date) {
		in.Decision, in.Reason = &co.Record{Ref: fmt.Sprintf(ref, on.Year), Date: on}, why
	}
}

func reason(why string) func(*co.Input, co.Date) {
	return func(in *co.Input, _ co.Date) { in.Reason = why }
}

// withDoc gives a reason and the letter it rests on; ref takes the year.
func withDoc(why, ref string) func(*co.Input, co.Date) {
	return func(in *co.Input, on co.Date) { in.Reason, in.DocRef = why, fmt.Sprintf(ref, on.Year) }
}

// perParty are the documents each party gives for itself; the others are
// joint.
var perParty = []co.DocType{co.DocSuratTanggapan, co.DocKeputusanDPRD, co.DocSuratKuasa}

// signs are the transitions that record a signature.
var signs = []co.TransitionName{co.SignKB, co.SignPKS, co.SignNK, co.SignLoI, co.SignNaskah}

// fallbackBorders are the neighbours the scenarios need, from the shared
// regency_adjacency.csv, for a demo without imported geography.
var fallbackBorders = [][2]string{
	{"32.04", "32.17"}, {"32.04", "32.73"}, {"32.17", "32.73"}, {"35.15", "35.78"},
	{"34.02", "34.04"}, {"34.02", "34.71"}, {"34.04", "34.71"}, {"73.06", "73.71"},
}

// signers are the demo's signatories: made-up names, so that no real
// official is shown signing what he did not sign.
var signers = map[string]string{
	"Kota Bandung": "Hendra Gunawan", "Kabupaten Bandung": "Dadan Hermawan",
	"Kabupaten Bandung Barat": "Yayan Supriatna", "Jawa Barat": "Ridwan Santosa",
	"Kota Surabaya": "Bambang Wicaksono", "Kabupaten Sidoarjo": "Agus Prasetyo",
	"Kota Yogyakarta": "Haryo Sasongko", "Kabupaten Sleman": "Sri Wahyuningsih",
	"Kabupaten Bantul": "Bagus Setiawan", "Kota Makassar": "Andi Rahman",
	"Kabupaten Gowa": "Syamsul Bahri", "Universitas Mitra Bandung": "Prof. Dr. Rina Kartika",
	"PT Air Bersih Priangan": "Ir. Budi Santoso", "Kementerian Perhubungan": "Dr. Arif Wibowo",
	"Kementerian Pekerjaan Umum": "Ir. Dwi Hartono", "Kota Kitakyushu": "Takeshi Morimoto",
	"Stadt Braunschweig": "Thomas Keller", "United Nations Children's Fund (UNICEF)": "Maria Fernandes",
	"Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)": "Katrin Vogel",
}

// liaisonNames are the made-up PPKSD officers of the initiating regions.
var liaisonNames = map[string][2]string{
	"32.73": {"Asep Sunandar", "Euis Komalasari"}, "32.04": {"Dede Kurniawan", "Neng Sumarni"},
	"32": {"Rudi Hartono", "Siti Rahmawati"}, "35.78": {"Eko Susanto", "Dian Puspitasari"},
	"34.71": {"Wahyu Nugroho", "Ratna Dewi"}, "73.71": {"Muhammad Ilham", "Nurul Hidayah"},
}

var wib = time.FixedZone("WIB", 7*60*60)

// coopLoader walks the scenarios against one App.
type coopLoader struct {
	a        *app.App
	today    co.Date
	cal      *workday.Calendar
	versions []co.Params
	blobs    document.BlobStore
	actors   map[string]access.Actor
	orgs     map[string]sqlstore.Org
	geo      bool
	borders  map[[2]string]bool
	asked    map[string]bool
	clock    time.Time
}

// loadCoops adds the demo cooperations when there are none yet.
func loadCoops(ctx context.Context, a *app.App) error {
	_, n, err := a.DB.ListCooperations(ctx, access.Scope{All: true}, sqlstore.CoopFilter{Limit: 1})
	if err != nil || n > 0 {
		return err
	}
	l, err := newCoopLoader(ctx, a, workday.DateOf(time.Now()))
	if err != nil {
		return err
	}
	a.DB.SetNow(func() time.Time { return l.clock })
	defer a.DB.SetNow(nil)
	scs := l.scenarios()
	// The regions map their urusan before the story starts; without a
	// clock set the store stamped the mappings and their audit records
	// 0001-01-01.
	l.clock = l.start(scs)
	if err := loadMappings(ctx, a, scs); err != nil {
		return err
	}
	if err := l.run(ctx, scs); err != nil {
		return err
	}
	a.Logger.Info("demo: cooperations added", "cooperations", len(scs))
	return nil
}

func newCoopLoader(ctx context.Context, a *app.App, today co.Date) (*coopLoader, error) {
	l := &coopLoader{a: a, today: today, actors: map[string]access.Actor{}, orgs: map[string]sqlstore.Org{},
		borders: map[[2]string]bool{}, asked: map[string]bool{}}
	cal, err := workday.Load()
	if err != nil {
		return nil, err
	}
	extra, err := a.DB.ExtraHolidays(ctx)
	if err != nil {
		return nil, err
	}
	l.cal = cal.With(extra)
	if l.versions, err = a.DB.ParamVersions(ctx); err != nil {
		return nil, err
	}
	if l.blobs, err = document.NewDirStore(filepath.Join(a.Config.DataDir, "blobs")); err != nil {
		return nil, fmt.Errorf("--data-dir: %w", err)
	}
	stats, err := a.DB.GeoStats(ctx)
	if err != nil {
		return nil, err
	}
	if l.geo = stats.Adjacency > 0; !l.geo {
		a.Logger.Warn("demo: no adjacency imported; cooperations use a fixed list of neighbours")
		for _, p := range fallbackBorders {
			l.borders[p] = true
		}
	}
	orgs, _, err := a.DB.ListOrgs(ctx, access.Scope{All: true}, 1000, 0)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		l.orgs[o.Name] = o
	}
	// The demo users act for their region or organisation, as long as an
	// administrator has not changed them.
	for _, du := range Users {
		u, err := a.DB.UserForLogin(ctx, du.Username)
		if errors.Is(err, jalin.ErrNotFound) || err == nil && (u.Disabled || u.Role != du.Role || u.Region != du.Region) {
			continue
		} else if err != nil {
			return nil, err
		}
		act := access.Actor{UserID: u.ID, Name: u.Username, Role: u.Role, Region: u.Region, OrgID: u.OrgID}
		switch {
		case du.Role == access.NationalAdmin:
			l.actors["national"] = act
		case du.Role == access.ThirdParty:
			l.actors[du.Org] = act
		case du.Role == access.ProvinceAdmin || du.Role == access.RegencyAdmin:
			l.actors[du.Region] = act
		}
	}
	return l, nil
}

// actor is who acts for key: a region code (its TKKSD administrator), an
// organisation name (its user) or "national" (Kemendagri). Regions and
// organisations without a demo user get a stand-in of the right role.
func (l *coopLoader) actor(key string) (access.Actor, error) {
	if a, ok := l.actors[key]; ok {
		return a, nil
	}
	a := access.Actor{UserID: -1, Name: "demo.tkksd." + key, Region: key}
	switch region.LevelOf(key) {
	case region.Province:
		a.Role = access.ProvinceAdmin
	case region.Regency:
		a.Role = access.RegencyAdmin
	default:
		o, ok := l.orgs[key]
		if !ok {
			return a, fmt.Errorf("demo: no actor for %q", key)
		}
		a = access.Actor{UserID: -1, Name: fmt.Sprintf("demo.org.%d", o.ID), Role: access.ThirdParty, Region: o.Region, OrgID: o.ID}
	}
	return a, nil
}

// op is one write of the story: the creation (step -1) or a step of
// scenario sc, at its instant.
type op struct {
	at       time.Time
	sc, step int
}

// run creates and walks every scenario, all steps in date order.
func (l *coopLoader) run(ctx context.Context, scs []coopScenario) error {
	var ops []op
	for i, sc := range scs {
		day := sc.day
		ops = append(ops, op{l.instant(day, 0), i, -1})
		for j, s := range sc.steps {
			if s.fixed {
				day = s.day
			} else {
				day += s.day
			}
			if day >= 0 {
				return fmt.Errorf("demo: %q: step %s would happen after yesterday", sc.c.Title, s.t)
			}
			ops = append(ops, op{l.instant(day, j+1), i, j})
		}
	}
	sort.SliceStable(ops, func(i, j int) bool { return ops[i].at.Before(ops[j].at) })
	ids := make([]int64, len(scs))
	for _, o := range ops {
		l.clock = o.at
		sc := &scs[o.sc]
		if o.step < 0 {
			id, err := l.create(ctx, sc)
			if err != nil {
				return err
			}
			ids[o.sc] = id
			continue
		}
		if err := l.step(ctx, ids[o.sc], sc.steps[o.step]); err != nil {
			return fmt.Errorf("demo: %q: %w", sc.c.Title, err)
		}
	}
	for i, sc := range scs {
		c, err := l.a.DB.GetCooperation(ctx, access.Scope{All: true}, ids[i])
		if err != nil {
			return err
		}
		if c.Stage != sc.want {
			return fmt.Errorf("demo: %q ended in stage %s, want %s", sc.c.Title, c.Stage, sc.want)
		}
	}
	return nil
}

// start is an hour before the first write of the story.
func (l *coopLoader) start(scs []coopScenario) time.Time {
	var first time.Time
	for _, sc := range scs {
		if at := l.instant(sc.day, 0); first.IsZero() || at.Before(first) {
			first = at
		}
	}
	return first.Add(-time.Hour)
}

// instant is when the seq-th write of a scenario on day happens: 09:00 WIB
// on the first working day from it (unless that is today or later), seq
// minutes apart so that a scenario's writes keep their order.
func (l *coopLoader) instant(day, seq int) time.Time {
	d := l.today.AddDays(day)
	if w := l.cal.AddWorkdays(d, 0); w.Before(l.today) {
		d = w
	}
	return time.Date(d.Year, d.Month, d.Day, 9, 0, 0, 0, wib).Add(time.Duration(seq) * 7 * time.Minute)
}

// create completes the master data the way a TKKSD would (plan reference,
// mapping and coordination of a mandatory KSDD) and stores the cooperation.
func (l *coopLoader) create(ctx context.Context, sc *coopScenario) (int64, error) {
	c := sc.c
	on := co.DateOf(l.clock)
	c.Stage = co.InitialStage(c.Kind)
	c.RuleVersion = co.ParamsFor(l.versions, c.StartDate).Version
	home := c.Parties[0]
	for _, p := range c.Parties {
		if p.Initiator && p.Kind == co.PartyRegion || len(p.Liaisons) > 0 {
			home = p
			break
		}
	}
	if !c.InPlans && c.Justification == "" {
		c.InPlans, c.PlanRef = true, fmt.Sprintf("RKPD %s Tahun %d", home.Name, on.Year)
	}
	if c.Kind == co.KindWajib && c.Mapping == nil {
		level, regencies := co.ForumProvincial, true
		for _, p := range c.Parties {
			regencies = regencies && region.LevelOf(p.Region) == region.Regency && p.Region[:2] == home.Region[:2]
		}
		if !regencies {
			level = co.ForumNational
		}
		c.Mapping = &co.Record{Ref: fmt.Sprintf("BA Pemetaan Urusan %s No. 7/%d", home.Name, on.Year), Date: on.AddDays(-45)}
		c.TechCoordination = &co.Coordination{Record: co.Record{
			Ref: fmt.Sprintf("BA Rapat Koordinasi Teknis No. 12/%d", on.Year), Date: on.AddDays(-20)},
			Level: level, HeadsAgreed: true}
	}
	a, err := l.actor(sc.by)
	if err != nil {
		return 0, err
	}
	c, err = l.a.DB.CreateCooperation(ctx, c, sqlstore.AuditMeta{Actor: a, IP: "demo"})
	if err != nil {
		return 0, fmt.Errorf("demo: %q: %w", sc.c.Title, err)
	}
	return c.ID, nil
}

// step uploads the documents s needs and takes it as its actor would.
func (l *coopLoader) step(ctx context.Context, id int64, s coopStep) error {
	a, err := l.actor(s.by)
	if err != nil {
		return err
	}
	c, err := l.a.DB.GetCooperation(ctx, access.Scope{All: true}, id)
	if err != nil {
		return err
	}
	tr := co.Lookup(c.Kind, s.t)
	if tr == nil {
		return fmt.Errorf("no transition %s for %s", s.t, c.Kind)
	}
	party := actingParty(c, a, s.partner)
	meta := sqlstore.AuditMeta{Actor: a, IP: "demo"}
	on := co.DateOf(l.clock)
	for _, d := range append(append(slices.Clone(tr.Docs), tr.Final...), s.docs...) {
		owner := ""
		if slices.Contains(perParty, d) {
			owner = party
		}
		if c.HasDoc(d, owner) {
			continue
		}
		if err := l.upload(ctx, &c, d, owner, on, a, meta); err != nil {
			return err
		}
		c.Documents = append(c.Documents, co.DocRef{Type: d, Party: owner, Current: true, Ref: "new"})
	}
	if s.t == co.TKKSDReview {
		// The home region's TKKSD considers the proposal first, as it
		// would in a meeting: the review's guard reads that consideration.
		if err := l.consider(ctx, c, on, meta); err != nil {
			return err
		}
	}
	in, err := l.input(ctx, c)
	if err != nil {
		return err
	}
	in.On = on
	if s.partner {
		in.Party = party
	}
	if s.in != nil {
		s.in(&in, on)
	}
	if i := slices.IndexFunc(c.Parties, func(p co.Party) bool { return p.Key() == party }); i >= 0 {
		p := c.Parties[i]
		if in.Signature == nil && slices.Contains(signs, s.t) {
			in.Signature = &co.Signature{SignerName: signers[p.Name], Office: office(p)}
		}
		if in.DPRD == nil && s.t == co.SignKB && p.Kind == co.PartyRegion {
			in.DPRD = &co.DPRDAssessment{}
		}
	}
	params := co.ParamsFor(l.versions, c.StartDate)
	for _, v := range l.versions {
		if v.Version == c.RuleVersion {
			params = v
		}
	}
	_, err = l.a.DB.UpdateCooperation(ctx, a.Scope(), id, c.Version, func(c *co.Cooperation) (*co.Event, error) {
		next, ev, err := co.Apply(*c, s.t, a, in, params, l.clock)
		if err != nil {
			return nil, err
		}
		*c = next
		return &ev, nil
	}, meta)
	if err != nil {
		// A refusal's error lists every unmet rule.
		return fmt.Errorf("%s by %s: %w", s.t, a.Name, err)
	}
	return nil
}

// actingParty is the key of the party a acts for: the userless partner
// when asked, else a's own party ("" for a supervisor).
func actingParty(c co.Cooperation, a access.Actor, partner bool) string {
	for _, p := range c.Parties {
		switch {
		case partner:
			if p.Kind == co.PartyCentral || p.Kind == co.PartyForeignGovernment || p.Kind == co.PartyForeignInstitution {
				return p.Key()
			}
		case p.Kind == co.PartyRegion && a.Role != access.ThirdParty && p.Region == a.Region,
			p.Kind == co.PartyThirdParty && a.Role == access.ThirdParty && p.OrgID == a.OrgID:
			return p.Key()
		}
	}
	return ""
}

// input gives the guards the adjacency of the parties' regions, the
// working-day calendar and the TKKSDs' mappings and considerations, as
// the pages do.
func (l *coopLoader) input(ctx context.Context, c co.Cooperation) (co.Input, error) {
	for _, p := range c.Parties {
		if p.Kind != co.PartyRegion || !l.geo || l.asked[p.Region] {
			continue
		}
		adj, err := l.a.DB.Neighbours(ctx, p.Region)
		if err != nil && jalin.ErrorCode(err) != jalin.ENotFound {
			return co.Input{}, err
		}
		for _, x := range adj {
			l.borders[pair(x.A, x.B)] = true
		}
		l.asked[p.Region] = true
	}
	in := co.Input{Facts: co.Facts{Borders: func(a, b string) bool { return l.borders[pair(a, b)] }},
		Calendar: l.cal}
	cs, err := l.a.DB.Considerations(ctx, access.Scope{All: true}, c.ID)
	if err != nil {
		return co.Input{}, err
	}
	in.Considered = func(r string, st co.Stage) bool { return tkksd.Supports(cs, r, string(st)) }
	if c.Kind == co.KindWajib {
		// V-07 reads the TKKSDs' submitted mappings, as the pages do.
		var regions []string
		for _, p := range c.Parties {
			if p.Kind == co.PartyRegion {
				regions = append(regions, p.Region)
			}
		}
		mapped, err := l.a.DB.MappedUrusan(ctx, regions)
		if err != nil {
			return co.Input{}, err
		}
		in.Mapped = func(r, u string) bool { return mapped[r][u] }
	}
	return in, nil
}

func pair(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// upload stores a small PDF naming the document and records it.
func (l *coopLoader) upload(ctx context.Context, c *co.Cooperation, t co.DocType, owner string, on co.Date, a access.Actor, meta sqlstore.AuditMeta) error {
	lines := []string{"JALIN - dokumen demonstrasi", t.Label().ID, c.Title}
	if p, _, ok := c.Party(owner); ok {
		lines = append(lines, "Pihak: "+p.Name)
	}
	data := demoPDF(append(lines, "Tanggal: "+on.String())...)
	f, err := document.Detect(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	key, err := l.blobs.Put(ctx, data)
	if err != nil {
		return err
	}
	_, err = l.a.DB.AddDocument(ctx, a.Scope(), c.ID, sqlstore.DocumentVersion{
		CooperationID: c.ID, Type: t, Party: owner, FileName: string(t) + ".pdf", Size: int64(len(data)),
		SHA256: key, MIME: f.MIME, Kind: f.Kind, HasMacros: f.HasMacros, Note: "dokumen demo",
	}, meta)
	return err
}

// office is the title a party's signatory signs with.
func office(p co.Party) string {
	switch p.Kind {
	case co.PartyRegion:
		if rest, ok := strings.CutPrefix(p.Name, "Kota "); ok {
			return "Wali Kota " + rest
		}
		if rest, ok := strings.CutPrefix(p.Name, "Kabupaten "); ok {
			return "Bupati " + rest
		}
		return "Gubernur " + p.Name
	case co.PartyThirdParty:
		if p.ThirdPartyType == co.Ormas {
			return "Rektor " + p.Name
		}
		return "Direktur Utama " + p.Name
	case co.PartyCentral:
		return "Sekretaris Jenderal " + p.Name
	case co.PartyForeignGovernment:
		return "Kepala Pemerintahan " + p.Name
	}
	return "Perwakilan " + p.Name
}

// consider records the home region's TKKSD recommending the proposal.
func (l *coopLoader) consider(ctx context.Context, c co.Cooperation, on co.Date, meta sqlstore.AuditMeta) error {
	home := ""
	for _, p := range c.Parties {
		if p.Kind == co.PartyRegion && (home == "" || p.Initiator) {
			home = p.Region
		}
	}
	if home == "" {
		return nil
	}
	_, err := l.a.DB.AddConsideration(ctx, access.Scope{All: true}, tkksd.Consideration{CooperationID: c.ID, Region: home,
		Recommendation: tkksd.Proceed, Reasoning: "Usulan sesuai RPJMD; KAK dan data pendukung lengkap.",
		DecidedBy: "Ketua TKKSD (Sekretaris Daerah)", DecidedOn: on}, meta)
	return err
}
