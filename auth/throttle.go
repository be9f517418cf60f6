package auth

import "time"

// Throttle is the login lockout policy: after MaxFailures failed logins
// within Window, further attempts are refused until Lockout has passed since
// the last failure. It decides only; the store keeps the failures.
//
// A login handler checks two keys before verifying the password, and
// refuses (with the same message as a wrong password, and without verifying)
// if either is locked:
//   - the username, lower-cased, whether or not the user exists, so the
//     answer does not reveal which usernames exist; with DefaultThrottle;
//   - the client IP (an IPv6 /64 as one address), with a higher
//     MaxFailures (say 50): a whole Pemda office often sits behind one NAT
//     address, and an IP lockout must stop a spraying robot, not the office.
//
// For each key it asks the store for the number of failures after
// t.Since(now) and the time of the latest, and calls Locked. A failed
// attempt is recorded under both keys; a successful one clears the username
// key only. A locked account is an easy way to annoy its owner, so the
// lockout is short and expires by itself rather than needing an admin.
type Throttle struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
}

// DefaultThrottle: 5 failures within 15 minutes lock for 15 minutes.
func DefaultThrottle() Throttle {
	return Throttle{MaxFailures: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
}

// withDefaults fills zero or negative fields from DefaultThrottle, so that a
// zero Throttle in a configuration struct never turns throttling off.
func (t Throttle) withDefaults() Throttle {
	d := DefaultThrottle()
	if t.MaxFailures <= 0 {
		t.MaxFailures = d.MaxFailures
	}
	if t.Window <= 0 {
		t.Window = d.Window
	}
	if t.Lockout <= 0 {
		t.Lockout = d.Lockout
	}
	return t
}

// Since is the start of the window ending at now: count the failures
// recorded after it.
func (t Throttle) Since(now time.Time) time.Time {
	return now.Add(-t.withDefaults().Window)
}

// Locked reports whether a key with failuresInWindow failures, the latest
// at lastFailure, is locked at now, and until when. The lock ends exactly
// at until: at that instant attempts are allowed again.
func (t Throttle) Locked(failuresInWindow int, lastFailure, now time.Time) (locked bool, until time.Time) {
	t = t.withDefaults()
	if failuresInWindow < t.MaxFailures {
		return false, time.Time{}
	}
	until = lastFailure.Add(t.Lockout)
	if now.Before(until) {
		return true, until
	}
	return false, time.Time{}
}
