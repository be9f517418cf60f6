package tkksd

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
)

// Recommendation is what the TKKSD advises the head of region.
type Recommendation string

const (
	Proceed Recommendation = "proceed" // go on to the next stage
	Revise  Recommendation = "revise"  // improve the proposal first
	Reject  Recommendation = "reject"  // do not pursue it
)

// Recommendations lists them for forms.
var Recommendations = []Recommendation{Proceed, Revise, Reject}

// Consideration is the TKKSD's recommendation (pertimbangan) on a
// cooperation at one of its stages: who decided, when, and the meeting
// whose minutes it comes from. The lifecycle guard of the TKKSD review
// reads the latest one of the home region's team.
type Consideration struct {
	ID             int64          `json:"id"`
	CooperationID  int64          `json:"cooperation_id"`
	Region         string         `json:"region_code"`
	Stage          string         `json:"stage"`
	Recommendation Recommendation `json:"recommendation"`
	Reasoning      string         `json:"reasoning"`
	MeetingID      int64          `json:"meeting_id,omitempty"`
	DecidedBy      string         `json:"decided_by"`
	DecidedOn      Date           `json:"decided_on"`
	CreatedAt      time.Time      `json:"created_at"`
}

// Validate checks a consideration: a known recommendation, its reasoning,
// who decided (the chair, or the meeting) and a decision date not after
// today. A recommendation other than "proceed" must say what is wrong,
// which the reasoning does.
func (c *Consideration) Validate(today Date) error {
	c.Reasoning, c.DecidedBy = strings.TrimSpace(c.Reasoning), strings.TrimSpace(c.DecidedBy)
	switch {
	case !slices.Contains(Recommendations, c.Recommendation):
		return jalin.Invalid("recommendation", "tkksd.recommendation_invalid", string(c.Recommendation))
	case c.Reasoning == "":
		return jalin.Invalid("reasoning", "tkksd.reasoning_required")
	case c.DecidedBy == "":
		return jalin.Invalid("decided_by", "tkksd.decided_by_required")
	case c.DecidedOn.IsZero():
		return jalin.Invalid("decided_on", "tkksd.decided_on_required")
	case c.DecidedOn.After(today):
		return jalin.Invalid("decided_on", "tkksd.decided_on_future")
	case c.Region == "" || c.Stage == "":
		return jalin.Invalid("stage", "tkksd.stage_required")
	}
	return nil
}

// Supports reports whether the latest consideration of region's team at
// stage (by decision date, then by record) recommends going on: a later
// "revise" overrides an earlier "proceed".
func Supports(cs []Consideration, region, stage string) bool {
	var last *Consideration
	for i := range cs {
		c := &cs[i]
		if c.Region != region || c.Stage != stage {
			continue
		}
		if last == nil || cmp.Or(c.DecidedOn.Compare(last.DecidedOn), cmp.Compare(c.ID, last.ID)) > 0 {
			last = c
		}
	}
	return last != nil && last.Recommendation == Proceed
}
