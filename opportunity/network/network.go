// Package network turns the cooperations on record into a network of
// regions: who already cooperates with whom, on what, and whether it is in
// force, ended or still being prepared; and which regions cooperate with
// no other region at all. It is pure: the caller reads the cooperations the
// user may see (the scope belongs to the query, not here).
package network

import (
	"cmp"
	"slices"
)

// State of a cooperation as the network shows it.
type State string

const (
	Active  State = "active"  // in force (pelaksanaan)
	Planned State = "planned" // being prepared, offered or approved
	Expired State = "expired" // ended (berakhir)
)

// rank orders the states of a link: an active cooperation says most about
// a pair, an ended one least.
func (s State) rank() int {
	switch s {
	case Active:
		return 3
	case Planned:
		return 2
	case Expired:
		return 1
	}
	return 0
}

// Valid reports whether s is one of the states.
func (s State) Valid() bool { return s.rank() > 0 }

// Coop is one cooperation: its region parties (Kemendagri codes of
// provinces or regencies/cities) and what it is about. Parties that are no
// region (third parties, ministries, foreign partners) are left out by the
// caller.
type Coop struct {
	ID      int64
	Title   string
	Kind    string
	State   State
	Urusan  []string
	Sector  string
	Regions []string
}

// Link joins two regions (A < B) with the cooperations between them.
type Link struct {
	A, B  string
	Coops []Coop // by ID
	// State is the strongest of the cooperations': active, else planned,
	// else expired.
	State State
}

// Count returns how many of the link's cooperations are in state s.
func (l Link) Count(s State) int {
	n := 0
	for _, c := range l.Coops {
		if c.State == s {
			n++
		}
	}
	return n
}

// Network is the result of Build.
type Network struct {
	Links []Link // by A, then B
	// Partners counts the other regions each region cooperates with.
	Partners map[string]int
	// Isolated are the regions of Build's list that cooperate with no other
	// region, sorted.
	Isolated []string
}

// Build links every pair of distinct regions that are parties to the same
// cooperation, for the cooperations whose state is valid; states filters
// them further (none: all). regions are the regions whose isolation is
// asked (for instance every regency of a province); links may also name
// regions outside it.
func Build(regions []string, coops []Coop, states ...State) Network {
	byPair := map[[2]string]*Link{}
	for _, c := range coops {
		if !c.State.Valid() || (len(states) > 0 && !slices.Contains(states, c.State)) {
			continue
		}
		rs := slices.Clone(c.Regions)
		slices.Sort(rs)
		rs = slices.Compact(rs)
		for i := range rs {
			for j := i + 1; j < len(rs); j++ {
				k := [2]string{rs[i], rs[j]}
				l := byPair[k]
				if l == nil {
					l = &Link{A: k[0], B: k[1]}
					byPair[k] = l
				}
				l.Coops = append(l.Coops, c)
				if c.State.rank() > l.State.rank() {
					l.State = c.State
				}
			}
		}
	}
	n := Network{Partners: map[string]int{}}
	for _, l := range byPair {
		slices.SortFunc(l.Coops, func(a, b Coop) int { return cmp.Compare(a.ID, b.ID) })
		n.Links = append(n.Links, *l)
		n.Partners[l.A]++
		n.Partners[l.B]++
	}
	slices.SortFunc(n.Links, func(a, b Link) int { return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B)) })
	for _, r := range regions {
		if n.Partners[r] == 0 {
			n.Isolated = append(n.Isolated, r)
		}
	}
	slices.Sort(n.Isolated)
	n.Isolated = slices.Compact(n.Isolated)
	return n
}

// Touching returns the links with an end in one of the regions for which
// in holds (for instance: in a province).
func (n Network) Touching(in func(code string) bool) []Link {
	var out []Link
	for _, l := range n.Links {
		if in(l.A) || in(l.B) {
			out = append(out, l)
		}
	}
	return out
}
