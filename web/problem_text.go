package web

import (
	"fmt"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
)

// The domain names things in its messages by code (a step, a stage, a
// document type, a region); a person reads names. problemArgs says, per
// message key, what each argument is, so that it is shown by its name in
// the reader's language. An argument not listed, or a code without a
// name, is shown as it is.
type argSort int

const (
	argAsIs argSort = iota
	argStep
	argStage
	argKind
	argWho
	argDoc
	argRegion
	argEndReason
	argParam
	argForum
	argField
)

var problemArgs = map[string][]argSort{
	"coop.actor_not_allowed":           {argStep, argWho},
	"coop.calendar_missing":            {argParam},
	"coop.doc_missing_final":           {argDoc},
	"coop.doc_missing":                 {argDoc},
	"coop.party_already_done":          {argStep},
	"coop.transition_unknown":          {argStep, argKind},
	"coop.wrong_stage":                 {argStep, argStage},
	"coop.param_missing":               {argParam},
	"coop.v01_kind_unknown":            {argKind},
	"coop.v01_parties_mismatch":        {argKind},
	"coop.v02_not_bordering":           {argRegion, argRegion},
	"coop.v05_not_authority":           {argAsIs, argRegion},
	"coop.v07_coordination_level":      {argForum, argForum},
	"coop.v07_coordination_missing":    {argForum},
	"coop.v07_region_not_mapped":       {argAsIs, argRegion},
	"coop.v10_kuasa_not_allowed":       {argStep},
	"coop.v18_reason_invalid":          {argEndReason},
	"coop.tkksd_consideration_missing": {argRegion},
	"coop.field_invalid":               {argField},
}

// localArgs returns args with the codes problemArgs lists for key replaced
// by their names in lang.
func localArgs(cat *i18n.Catalog, dir *region.Directory, lang i18n.Lang, key string, args []any) []any {
	sorts, ok := problemArgs[key]
	if !ok || len(args) == 0 {
		return args
	}
	out := make([]any, len(args))
	copy(out, args)
	label := func(prefix, code string) (string, bool) {
		k := prefix + code
		if !cat.Has(k) {
			return "", false
		}
		return cat.T(lang, k), true
	}
	for i, a := range args {
		if i >= len(sorts) {
			break
		}
		code := fmt.Sprint(a)
		var name string
		var found bool
		switch sorts[i] {
		case argStep:
			name, found = label("coop.step.", code)
		case argStage:
			name, found = label("coop.stage.", code)
		case argKind:
			name, found = label("coop.kind.", code)
		case argWho:
			name, found = label("coop.who.", code)
		case argEndReason:
			name, found = label("coop.end.", code)
		case argParam:
			name, found = label("coop.param.", code)
		case argForum:
			name, found = label("coopf.forum_", code)
		case argField:
			if name, found = label("coop.", code); !found {
				name, found = label("coopf.", code)
			}
		case argDoc:
			l := cooperation.DocType(code).Label()
			name, found = l.ID, l.ID != ""
			if lang == i18n.EN {
				name, found = l.EN, l.EN != ""
			}
		case argRegion:
			if dir != nil {
				if r, ok := dir.Get(code); ok {
					name, found = r.Name, true
				}
			}
		}
		if found {
			out[i] = name
		}
	}
	return out
}
