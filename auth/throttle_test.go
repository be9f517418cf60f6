package auth

import (
	"testing"
	"time"
)

func TestThrottle(t *testing.T) {
	th := DefaultThrottle()
	last := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	until := last.Add(15 * time.Minute)
	for _, c := range []struct {
		failures int
		now      time.Time
		locked   bool
	}{
		{0, last, false},
		{4, last, false}, // below the threshold
		{5, last, true},  // at it
		{9, last.Add(time.Minute), true},
		{5, until.Add(-time.Nanosecond), true},
		{5, until, false}, // expires exactly at until
		{5, until.Add(time.Second), false},
	} {
		locked, u := th.Locked(c.failures, last, c.now)
		if locked != c.locked {
			t.Errorf("Locked(%d, now=%v) = %v, want %v", c.failures, c.now.Sub(last), locked, c.locked)
		}
		if locked && !u.Equal(until) {
			t.Errorf("until = %v, want %v", u, until)
		}
		if !locked && !u.IsZero() {
			t.Errorf("unlocked with until %v", u)
		}
	}
	if got := th.Since(last); !got.Equal(last.Add(-15 * time.Minute)) {
		t.Errorf("Since = %v", got)
	}
}

func TestThrottleZeroIsDefault(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if locked, _ := (Throttle{}).Locked(5, now, now); !locked {
		t.Error("the zero Throttle does not lock")
	}
	ip := Throttle{MaxFailures: 50}
	if locked, _ := ip.Locked(49, now, now); locked {
		t.Error("49 of 50 locked")
	}
	if locked, until := ip.Locked(50, now, now); !locked || !until.Equal(now.Add(15*time.Minute)) {
		t.Error("50 of 50 not locked for the default lockout")
	}
}
