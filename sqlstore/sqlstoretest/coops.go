package sqlstoretest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// GenOrgs is how many organisations the third parties of Cooperations
// name: OrgIDs 1..GenOrgs, which CreateOrgs makes in a fresh database.
const GenOrgs = 20

// CreateOrgs creates the GenOrgs organisations Cooperations refers to, in
// a database without organisations yet (so that their ids are 1..GenOrgs),
// each managed by a province of regions.
func CreateOrgs(tb testing.TB, db *sqlstore.DB, regions []region.Region) {
	tb.Helper()
	var provinces []string
	for _, r := range regions {
		if r.Level == region.Province {
			provinces = append(provinces, r.Code)
		}
	}
	for i := range GenOrgs {
		o, err := db.CreateOrg(context.Background(), sqlstore.Org{
			Name: fmt.Sprintf("PT Mitra %02d", i+1), Kind: sqlstore.OrgCompany,
			Region: provinces[i%len(provinces)],
		}, sqlstore.AuditMeta{})
		if err != nil {
			tb.Fatal(err)
		}
		if o.ID != int64(i+1) {
			tb.Fatalf("organisation %d has id %d: database not fresh", i+1, o.ID)
		}
	}
}

// stagesOf lists the stages a cooperation of each machine passes through.
var (
	domesticStages = []cooperation.Stage{cooperation.Persiapan, cooperation.SiapDitawarkan, cooperation.Penawaran,
		cooperation.PenyusunanKB, cooperation.KBDitandatangani, cooperation.MenungguDPRD, cooperation.PenyusunanPKS,
		cooperation.Pelaksanaan, cooperation.Pelaksanaan, cooperation.Pelaksanaan, cooperation.Berakhir,
		cooperation.Ditolak, cooperation.DitolakDPRD}
	sinergiStages = []cooperation.Stage{cooperation.Persiapan, cooperation.SiapDitawarkan, cooperation.Penawaran,
		cooperation.PenyusunanNK, cooperation.Pelaksanaan, cooperation.Pelaksanaan, cooperation.Berakhir,
		cooperation.Ditolak}
	foreignStages = []cooperation.Stage{cooperation.Prakarsa, cooperation.Penjajakan, cooperation.Kajian,
		cooperation.KonsultasiLoI, cooperation.LoIDitandatangani, cooperation.RencanaKerjaSama,
		cooperation.DiajukanKeMenteri, cooperation.Verifikasi, cooperation.RancanganNaskah,
		cooperation.PembahasanAntarkementrian, cooperation.PembahasanMitra, cooperation.SuratKonfirmasi,
		cooperation.PersetujuanMenteri, cooperation.MenungguDPRD, cooperation.NaskahDitandatangani,
		cooperation.Pelaksanaan, cooperation.Pelaksanaan, cooperation.Berakhir, cooperation.DitolakDPRD}
	themes = []string{"Pengelolaan Sampah Regional", "Air Minum Lintas Wilayah", "Transportasi Terpadu",
		"Pengembangan Pariwisata", "Penanggulangan Bencana", "Pendidikan Vokasi", "Pelayanan Kesehatan Rujukan",
		"Ketahanan Pangan", "Pengelolaan DAS", "Promosi Investasi", "Perlindungan Hutan", "Pasar Induk"}
)

// Cooperations returns n made-up cooperations, the same for the same seed:
// two or three region parties each (regencies mostly, a province now and
// then, most in one province and the rest across all of them), a third
// party for KSDPK (OrgIDs 1..GenOrgs), a ministry for Sinergi and a foreign
// partner for KSDPL/KSDLL; every kind and stage; start dates 2019–2026 and
// terms of one to five years (no dates before the agreement is drafted);
// values, a sector and one to three urusan. regions must hold provinces
// and regencies, as from Regions; the cooperations refer to them, so load
// them (and CreateOrgs) before storing these.
//
// A cooperation drawn in implementation whose end date has passed by today
// starts a whole number of years later, so that it is still running (never
// after today): a live system holds no implementation past its end, since
// the daily expiry job ends it, and a server started on such rows would
// spend its first seconds expiring thousands. So the set is the same for the
// same seed on the same day.
func Cooperations(n int, seed int64, regions []region.Region) []cooperation.Cooperation {
	r := rand.New(rand.NewPCG(uint64(seed), 0x6a616c696e))
	byProv := map[string][]region.Region{}
	var provinces []region.Region
	for _, x := range regions {
		switch x.Level {
		case region.Province:
			provinces = append(provinces, x)
		case region.Regency:
			byProv[x.Parent] = append(byProv[x.Parent], x)
		}
	}
	pick := func(prov region.Region) region.Region {
		regs := byProv[prov.Code]
		if len(regs) == 0 || r.IntN(10) == 0 {
			return prov
		}
		return regs[r.IntN(len(regs))]
	}
	urusans, sectors := taxonomy.Urusans(), taxonomy.Sectors()
	rules := cooperation.Defaults().Version
	today := cooperation.DateOf(time.Now())
	out := make([]cooperation.Cooperation, 0, n)
	for i := range n {
		kind := cooperation.Kinds[r.IntN(len(cooperation.Kinds))]
		stages := domesticStages
		switch {
		case kind == cooperation.KindSinergi:
			stages = sinergiStages
		case kind.IsForeign():
			stages = foreignStages
		}
		c := cooperation.Cooperation{Kind: kind, Stage: stages[r.IntN(len(stages))], RuleVersion: rules}
		home := provinces[r.IntN(len(provinces))]
		seen := map[string]bool{}
		for k := range 2 + r.IntN(2) {
			prov := home
			if k > 0 && r.IntN(5) < 2 {
				prov = provinces[r.IntN(len(provinces))]
			}
			reg := pick(prov)
			if seen[reg.Code] {
				continue
			}
			seen[reg.Code] = true
			c.Parties = append(c.Parties, cooperation.Party{Kind: cooperation.PartyRegion, Region: reg.Code,
				Name: reg.Name, Initiator: k == 0, Answer: cooperation.AnswerAccepted})
		}
		switch {
		case kind == cooperation.KindKSDPK:
			org := 1 + r.Int64N(GenOrgs)
			c.Parties = append(c.Parties, cooperation.Party{Kind: cooperation.PartyThirdParty, OrgID: org,
				Name: fmt.Sprintf("PT Mitra %02d", org), ThirdPartyType: cooperation.BadanUsaha})
		case kind == cooperation.KindSinergi:
			c.Parties = append(c.Parties, cooperation.Party{Kind: cooperation.PartyCentral, Name: "Kementerian PUPR"})
		case kind.IsForeign():
			c.Parties = append(c.Parties, cooperation.Party{Kind: cooperation.PartyForeignGovernment,
				Country: "JP", Name: fmt.Sprintf("Prefecture %d", r.IntN(47)+1)})
		}
		c.Title = fmt.Sprintf("Kerja Sama %s %s #%d", themes[r.IntN(len(themes))], c.Parties[0].Name, i+1)
		for range 1 + r.IntN(3) {
			c.Urusan = append(c.Urusan, urusans[r.IntN(len(urusans))].Code)
		}
		c.Sector = sectors[r.IntN(len(sectors))].Code
		c.ValueIDR = int64(r.IntN(5000)+1) * 10_000_000
		if r.IntN(4) > 0 || c.Stage == cooperation.Pelaksanaan || c.Stage == cooperation.Berakhir {
			c.StartDate = cooperation.D(2019+r.IntN(8), 1, 1).AddDays(r.IntN(365))
			years := 1 + r.IntN(5)
			c.TermMonths = 12 * years
			if !(kind == cooperation.KindWajib && r.IntN(8) == 0) { // a continuous one has no end
				c.EndDate = c.StartDate.AddMonths(c.TermMonths).AddDays(-1)
			} else {
				c.Continuous = true
			}
		}
		for c.Stage == cooperation.Pelaksanaan && !c.EndDate.IsZero() && today.After(c.EndDate) {
			c.StartDate = c.StartDate.AddMonths(12) // still running: see above
			c.EndDate = c.StartDate.AddMonths(c.TermMonths).AddDays(-1)
		}
		c.Published = (c.Stage == cooperation.Pelaksanaan || c.Stage == cooperation.Berakhir) && r.IntN(2) == 0
		c.Objectives = "Meningkatkan pelayanan publik melalui " + themes[r.IntN(len(themes))]
		out = append(out, c)
	}
	return out
}
