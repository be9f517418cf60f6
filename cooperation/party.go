package cooperation

import (
	"strconv"
	"time"

	"github.com/jalin-ksd/jalin/region"
)

// PartyKind is what a party is.
type PartyKind string

const (
	PartyRegion             PartyKind = "region"              // a province or kab/kota
	PartyThirdParty         PartyKind = "third_party"         // KSDPK partner (PP 28/2018 Pasal 14)
	PartyCentral            PartyKind = "central"             // a ministry or agency, for Sinergi
	PartyForeignGovernment  PartyKind = "foreign_government"  // KSDPL partner
	PartyForeignInstitution PartyKind = "foreign_institution" // KSDLL partner
)

// ThirdPartyType are the third parties PP 28/2018 Pasal 14 allows (V-04).
type ThirdPartyType string

const (
	Perseorangan ThirdPartyType = "perseorangan"
	BadanUsaha   ThirdPartyType = "badan_usaha" // BUMN, BUMD, koperasi, private legal entity
	Ormas        ThirdPartyType = "ormas"       // with or without legal personality
)

// Answer is a party's reply to the offer.
type Answer string

const (
	AnswerPending  Answer = "pending"
	AnswerAccepted Answer = "accepted"
	AnswerDeclined Answer = "declined"
)

// DPRDStatus is where a party's DPRD approval stands (V-11, V-12).
type DPRDStatus string

const (
	DPRDNotRequired DPRDStatus = "not_required"
	DPRDPending     DPRDStatus = "pending"
	DPRDApproved    DPRDStatus = "approved"
	DPRDRejected    DPRDStatus = "rejected"
	DPRDDeemed      DPRDStatus = "deemed_approved" // silence for 45 working days (PMDN25 Pasal 17)
)

// Signature records who signed a document for a party (V-10).
type Signature struct {
	SignerName string
	Office     string // e.g. "Wali Kota Bandung", "Kepala Dinas Perhubungan"
	ByKuasa    bool   // signed by a delegated official
	KuasaRef   string // the surat kuasa document reference
	On         Date
}

// Signed reports whether the signature was recorded.
func (s *Signature) Signed() bool { return s != nil && s.SignerName != "" }

// Liaison is a petugas penghubung (PPKSD) named by a proposing party (V-22).
type Liaison struct {
	Name      string
	NIPOrNIK  string
	Phone     string
	Email     string
	LetterRef string // surat tugas
}

// Complete reports whether every contact field is filled.
func (l Liaison) Complete() bool {
	return l.Name != "" && l.NIPOrNIK != "" && l.Phone != "" && l.Email != "" && l.LetterRef != ""
}

// Party is one side of a cooperation together with its own progress: its
// answer to the offer, its DPRD approval and its signatures.
type Party struct {
	Kind           PartyKind
	Region         string // region code for PartyRegion
	OrgID          int64  // for PartyThirdParty
	Name           string
	ThirdPartyType ThirdPartyType
	Country        string // ISO code for foreign parties
	Initiator      bool

	Answer       Answer
	AnswerReason string
	AnsweredAt   time.Time

	// DPRD inputs (PP 28/2018 Pasal 6(2)): approval is required when the
	// plan burdens the community and the region, or is not yet budgeted.
	BurdensCommunity bool
	NotBudgeted      bool
	DPRDAssessed     bool
	DPRD             DPRDStatus
	DPRDDecision     Record // decision number and date
	DPRDReceived     Date   // receipt by the Sekretariat DPRD (foreign: starts 45 working days)

	KB, PKS, NK, LoI, Naskah *Signature

	Liaisons []Liaison
}

// RequiresDPRD is V-11's flag for a domestic party.
func (p Party) RequiresDPRD() bool { return p.BurdensCommunity || p.NotBudgeted }

// Key identifies the party within the cooperation: the region code, "org:ID"
// for a third party, otherwise the kind and name.
func (p Party) Key() string {
	switch p.Kind {
	case PartyRegion:
		return p.Region
	case PartyThirdParty:
		return "org:" + strconv.FormatInt(p.OrgID, 10)
	}
	return string(p.Kind) + ":" + p.Country + ":" + p.Name
}

// level is the region level of a region party (0 for other parties).
func (p Party) level() region.Level {
	if p.Kind != PartyRegion {
		return 0
	}
	return region.LevelOf(p.Region)
}

// provinceOf returns the province code of a province or regency code: the
// first two digits (region code rules).
func provinceOf(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// regionParties returns the indexes of the region parties.
func (c Cooperation) regionParties() []int {
	var out []int
	for i, p := range c.Parties {
		if p.Kind == PartyRegion {
			out = append(out, i)
		}
	}
	return out
}

// initiator returns the index of the initiating party, or -1.
func (c Cooperation) initiator() int {
	for i, p := range c.Parties {
		if p.Initiator {
			return i
		}
	}
	return -1
}

// home returns the region party that prepares and offers: the initiator if
// it is a region, otherwise the first region party (a third-party
// initiative is prepared by the region it is addressed to).
func (c Cooperation) home() int {
	if i := c.initiator(); i >= 0 && c.Parties[i].Kind == PartyRegion {
		return i
	}
	if rs := c.regionParties(); len(rs) > 0 {
		return rs[0]
	}
	return -1
}

// Party returns the party with the given key.
func (c Cooperation) Party(key string) (Party, int, bool) {
	for i, p := range c.Parties {
		if p.Key() == key {
			return p, i, true
		}
	}
	return Party{}, -1, false
}
