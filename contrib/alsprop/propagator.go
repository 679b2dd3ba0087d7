package alsprop

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// HeaderPrefix starts the name of the header each member travels under:
// the member "tenant" is the header "Als-tenant" ("als-tenant" in gRPC
// metadata, whose keys are lower case).
const HeaderPrefix = "Als-"

// Limits on what a [Propagator] sends and accepts, after those of W3C
// Baggage, so that a member gets the same room on every transport: a
// value longer than MaxValueBytes once percent-encoded is neither sent
// nor decoded, and the members' headers sent together stay within
// MaxBytes.
const (
	MaxValueBytes = 4096
	MaxBytes      = 8192
)

// ErrNilPropagator is wrapped by the panic of a transport's constructor,
// such as alsgrpc's or alsnats's, given a nil [Propagator]. alsgrpc and
// alsnats re-export it.
var ErrNilPropagator = errors.New("alsprop: nil Propagator")

// Carrier is the headers of a message, as a [Propagator] reads and writes
// them. [http.Header] and nats.Header are Carriers as they are; alsgrpc
// adapts gRPC metadata.
type Carrier interface {
	// Values returns every value of the header name.
	Values(name string) []string
	// Set replaces the values of the header name with value.
	Set(name, value string)
	// Del removes the header name.
	Del(name string)
}

// Propagator carries chosen storages across processes in message headers,
// one header per member ([HeaderPrefix] + key), for transports that have
// headers but no baggage of their own: gRPC metadata, NATS headers. Make
// one with [NewPropagator]; it is safe for concurrent use.
type Propagator struct {
	members []Member
}

// NewPropagator returns a [Propagator] for members. Keys must be distinct
// even ignoring case, since gRPC and HTTP fold the case of header names:
// it panics with an error wrapping [ErrInvalidMember] on a repeated key or
// a zero [Member].
func NewPropagator(members ...Member) *Propagator {
	seen := make(map[string]bool, len(members))
	for _, m := range members {
		if m.encode == nil {
			panic(fmt.Errorf("%w: zero Member", ErrInvalidMember))
		}
		k := strings.ToLower(m.key)
		if seen[k] {
			panic(fmt.Errorf("%w: key %q given twice", ErrInvalidMember, m.key))
		}
		seen[k] = true
	}
	return &Propagator{members: append([]Member(nil), members...)}
}

// Members returns the members p carries, in the order given.
func (p *Propagator) Members() []Member { return append([]Member(nil), p.members...) }

// Inject writes into c one header per member whose storage has a store in
// the context ctx carries ([als.WithContext]), or else in the caller's
// current one, its value percent-encoded so that it is printable ASCII on
// every transport. A member with no store, or whose value would pass
// [MaxValueBytes] or take the headers past [MaxBytes], has its header
// removed instead: the storage is the truth for its key, so a header that
// came in with a message never goes out again unchecked.
func (p *Propagator) Inject(ctx context.Context, c Carrier) {
	size := 0
	for _, m := range p.members {
		name := HeaderPrefix + m.key
		v, ok := m.encode(ctx)
		if ok {
			v = url.PathEscape(v)
			ok = len(v) <= MaxValueBytes && size+len(name)+len(v) <= MaxBytes
		}
		if !ok {
			c.Del(name)
			continue
		}
		size += len(name) + len(v)
		c.Set(name, v)
	}
}

// Extract returns a copy of ctx that carries an als context
// ([als.WithContext]): the one ctx carries, or else the caller's current
// one, with the stores of the members found in c set on top, and the
// storages of the members not found (or dropped) hidden: the message is the
// truth for its members, so work it starts never borrows a request id the
// receiving goroutine happened to hold. Enter it with [als.RunContext].
// Headers are untrusted: a member whose header appears more than once, is
// longer than MaxValueBytes, is not percent-encoded properly or that its
// codec rejects is dropped, never a panic; headers that are not the
// members' are not looked at, however many there are.
func (p *Propagator) Extract(ctx context.Context, c Carrier) context.Context {
	return WithStores(ctx, p.Stores(c)...)
}

// Stores returns one [Store] per member, in member order, as
// [Propagator.Extract] sets them: the decoded store of a member found in c,
// or else the member's [Member.Hide]. It is for a transport that sets
// stores of its own beside them.
func (p *Propagator) Stores(c Carrier) []Store {
	stores := make([]Store, 0, len(p.members))
	for _, m := range p.members {
		st, ok := p.receive(m, c)
		if !ok {
			st = m.hide
		}
		stores = append(stores, st)
	}
	return stores
}

// receive decodes m from c, or returns false for a missing or hostile
// header.
func (p *Propagator) receive(m Member, c Carrier) (Store, bool) {
	vs := c.Values(HeaderPrefix + m.key)
	if len(vs) != 1 || len(vs[0]) > MaxValueBytes {
		return Store{}, false
	}
	v, err := url.PathUnescape(vs[0])
	if err != nil {
		return Store{}, false
	}
	st, err := m.decode(v)
	return st, err == nil
}
