package cooperation

import "sort"

// Confidence is how sure REGULATION.md is of a value: C confirmed from the
// primary text, S secondary (local practice, ministry news), P an
// unconfirmed parameter (§14).
type Confidence string

const (
	Confirmed Confidence = "C"
	Secondary Confidence = "S"
	Unsure    Confidence = "P"
)

// Units of a parameter value.
const (
	UnitWorkdays = "workdays"
	UnitDays     = "days"
	UnitMonths   = "months"
	UnitYears    = "years"
	UnitBool     = "bool"   // Value 0 or 1
	UnitChoice   = "choice" // Text holds the choice
)

// Param is one rule value. Value carries numbers and booleans; Text
// carries choices.
type Param struct {
	Name       string
	Value      int
	Text       string
	Unit       string
	Confidence Confidence
	Source     string
	Unverified bool // show "unverified" in the admin UI
}

// Params is one version of the parameter table. A cooperation is judged by
// the version in force when it started (RuleVersion), so that a later
// change of Permendagri 22/2020 values does not move its deadlines.
type Params struct {
	Version       string
	EffectiveFrom Date
	Values        map[string]Param
}

// Parameter names. Guards read values only through Params.
const (
	POfferAnswer         = "offer_answer_deadline"
	POfferReminder       = "offer_reminder_before"
	PMaxTermDomestic     = "max_term_years_domestic"
	PMaxTermForeign      = "max_term_years_foreign"
	PLoIValidity         = "loi_validity_months"
	PDPRDForeign         = "dprd_deadline_foreign_workdays"
	PGovernorForward     = "governor_forward_workdays"
	PExtensionNotice     = "extension_notice_months_foreign"
	PReportSchedule      = "domestic_report_schedule"
	PWajibBordering      = "wajib_bordering_rule_3plus"
	PFeasibilityBefore   = "feasibility_before_stage"
	PDPRDForwardedKSDLL  = "dprd_foreign_forwarded_ksdll"
	PSecretariatMinYears = "secretariat_min_term_years"
	PRequireLiaisons     = "require_liaison_officers"
)

// Choices of wajib_bordering_rule_3plus (V-02 for three or more regions).
const (
	BorderEveryPair = "every_pair"
	BorderConnected = "connected"
)

func param(name string, v int, text, unit string, c Confidence, src string) Param {
	return Param{Name: name, Value: v, Text: text, Unit: unit, Confidence: c, Source: src, Unverified: c == Unsure}
}

// Defaults is the version in force from 2020-01-01, the year Permendagri
// 22/2020 and 25/2020 were issued.
func Defaults() Params {
	ps := []Param{
		param(POfferAnswer, 30, "", UnitWorkdays, Unsure, "Permendagri 22/2020 (text not read; REGULATION.md §3 b)"),
		param(POfferReminder, 5, "", UnitWorkdays, Unsure, "practice"),
		param(PMaxTermDomestic, 5, "", UnitYears, Unsure, "Yogyakarta FAQ, Samarinda KAK (REGULATION.md §6)"),
		param(PMaxTermForeign, 5, "", UnitYears, Confirmed, "Permendagri 25/2020 Pasal 32(1)"),
		param(PLoIValidity, 12, "", UnitMonths, Confirmed, "Permendagri 25/2020 Pasal 13(3)"),
		param(PDPRDForeign, 45, "", UnitWorkdays, Confirmed, "PP 28/2018 Pasal 30; Permendagri 25/2020 Pasal 17"),
		param(PGovernorForward, 5, "", UnitWorkdays, Confirmed, "Permendagri 25/2020 Pasal 18(4)–(5), 20(3)–(4)"),
		param(PExtensionNotice, 6, "", UnitMonths, Confirmed, "Permendagri 25/2020 Pasal 33"),
		param(PReportSchedule, 1, "yearly", UnitMonths, Unsure, "copied from Permendagri 25/2020 Pasal 35 (January)"),
		param(PWajibBordering, 0, BorderConnected, UnitChoice, Unsure, "interpretation of UU 23/2014 Pasal 364(1)"),
		param(PFeasibilityBefore, 0, string(SignKB), UnitChoice, Unsure, "UU 23/2014 Pasal 366(3): stage not fixed"),
		param(PDPRDForwardedKSDLL, 0, "", UnitBool, Unsure, "PP 28/2018 Pasal 38 vs Permendagri 25/2020 Pasal 16"),
		param(PSecretariatMinYears, 5, "", UnitYears, Confirmed, "PP 28/2018 Pasal 7(2)(c)"),
		param(PRequireLiaisons, 1, "", UnitBool, Secondary, "Samarinda FAQ; Yogyakarta portal (V-22)"),
	}
	p := Params{Version: "2020-permendagri-22", EffectiveFrom: D(2020, 1, 1), Values: map[string]Param{}}
	for _, x := range ps {
		p.Values[x.Name] = x
	}
	return p
}

// ParamNames lists every parameter the guards read.
func ParamNames() []string {
	names := make([]string, 0, len(Defaults().Values))
	for n := range Defaults().Values {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ParamsFor returns the version in force on the day the cooperation
// started: the latest whose EffectiveFrom is not after started. With no
// version that early it returns the earliest; with none at all, Defaults.
func ParamsFor(versions []Params, started Date) Params {
	if len(versions) == 0 {
		return Defaults()
	}
	vs := append([]Params(nil), versions...)
	sort.Slice(vs, func(i, j int) bool { return vs[i].EffectiveFrom.Before(vs[j].EffectiveFrom) })
	best := vs[0]
	for _, v := range vs {
		if !v.EffectiveFrom.After(started) {
			best = v
		}
	}
	return best
}

// Int returns a numeric parameter (0 if missing; Check reports missing ones).
func (p Params) Int(name string) int { return p.Values[name].Value }

// Bool returns a boolean parameter.
func (p Params) Bool(name string) bool { return p.Values[name].Value != 0 }

// Text returns a choice parameter.
func (p Params) Text(name string) string { return p.Values[name].Text }

// missing lists the parameter names absent from p.
func (p Params) missing() []string {
	var out []string
	for _, n := range ParamNames() {
		if _, ok := p.Values[n]; !ok {
			out = append(out, n)
		}
	}
	return out
}

// dueDate adds a parameter's length to start, in its unit.
func (p Params) dueDate(name string, start Date, cal Calendar) Date {
	v := p.Values[name]
	switch v.Unit {
	case UnitWorkdays:
		return cal.AddWorkdays(start, v.Value)
	case UnitMonths:
		return start.AddMonths(v.Value)
	case UnitYears:
		return start.AddMonths(12 * v.Value)
	}
	return start.AddDays(v.Value)
}

// ParamsOf is the parameter version c is judged by: the one it recorded
// when it started (RuleVersion), else the one in force on its start date, or
// on today for a cooperation without one.
func ParamsOf(versions []Params, c Cooperation, today Date) Params {
	if c.RuleVersion != "" {
		for _, v := range versions {
			if v.Version == c.RuleVersion {
				return v
			}
		}
	}
	started := c.StartDate
	if started.IsZero() {
		started = today
	}
	return ParamsFor(versions, started)
}
