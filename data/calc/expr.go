package calc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Expr is a parsed arithmetic expression over element codes: numbers, codes
// (CODE or CODE.CATEGORY), + - * / and parentheses.
type Expr interface {
	// Eval computes the expression; ok is false when a value it needs is
	// missing or a division by zero occurs.
	Eval(lookup func(code, category string) (float64, bool)) (v float64, ok bool)
	// Refs appends the codes the expression reads.
	Refs(dst []Ref) []Ref
}

// Ref is a code read by an expression.
type Ref struct{ Code, Category string }

type num float64

func (n num) Eval(func(string, string) (float64, bool)) (float64, bool) { return float64(n), true }
func (n num) Refs(dst []Ref) []Ref                                      { return dst }

type ref Ref

func (r ref) Eval(lookup func(string, string) (float64, bool)) (float64, bool) {
	return lookup(r.Code, r.Category)
}
func (r ref) Refs(dst []Ref) []Ref { return append(dst, Ref(r)) }

type binary struct {
	op   byte
	l, r Expr
}

func (b binary) Eval(lookup func(string, string) (float64, bool)) (float64, bool) {
	l, ok := b.l.Eval(lookup)
	if !ok {
		return 0, false
	}
	r, ok := b.r.Eval(lookup)
	if !ok {
		return 0, false
	}
	switch b.op {
	case '+':
		return l + r, true
	case '-':
		return l - r, true
	case '*':
		return l * r, true
	}
	if r == 0 {
		return 0, false
	}
	return l / r, true
}

func (b binary) Refs(dst []Ref) []Ref { return b.r.Refs(b.l.Refs(dst)) }

type neg struct{ x Expr }

func (n neg) Eval(lookup func(string, string) (float64, bool)) (float64, bool) {
	v, ok := n.x.Eval(lookup)
	return -v, ok
}
func (n neg) Refs(dst []Ref) []Ref { return n.x.Refs(dst) }

// Parse reads an expression. It reports the position and cause of a syntax
// error; it does not check that the codes exist (see Engine.CheckFormula).
func Parse(s string) (Expr, error) {
	p := &parser{src: s}
	p.next()
	e, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.tok != "" {
		return nil, p.errorf("unexpected %q", p.tok)
	}
	return e, nil
}

type parser struct {
	src string
	pos int // position after tok
	at  int // position of tok
	tok string
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("formula %q, position %d: %s", p.src, p.at+1, fmt.Sprintf(format, args...))
}

func (p *parser) next() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
	p.at = p.pos
	if p.pos >= len(p.src) {
		p.tok = ""
		return
	}
	c := rune(p.src[p.pos])
	start := p.pos
	switch {
	case strings.ContainsRune("+-*/()", c):
		p.pos++
	case unicode.IsDigit(c):
		for p.pos < len(p.src) && (unicode.IsDigit(rune(p.src[p.pos])) || p.src[p.pos] == '.') {
			p.pos++
		}
	case unicode.IsLetter(c) || c == '_':
		for p.pos < len(p.src) {
			r := rune(p.src[p.pos])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.') {
				break
			}
			p.pos++
		}
	default:
		p.pos++
	}
	p.tok = p.src[start:p.pos]
}

func (p *parser) sum() (Expr, error) {
	l, err := p.product()
	if err != nil {
		return nil, err
	}
	for p.tok == "+" || p.tok == "-" {
		op := p.tok[0]
		p.next()
		r, err := p.product()
		if err != nil {
			return nil, err
		}
		l = binary{op, l, r}
	}
	return l, nil
}

func (p *parser) product() (Expr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.tok == "*" || p.tok == "/" {
		op := p.tok[0]
		p.next()
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = binary{op, l, r}
	}
	return l, nil
}

func (p *parser) unary() (Expr, error) {
	if p.tok == "-" {
		p.next()
		x, err := p.unary()
		return neg{x}, err
	}
	return p.primary()
}

func (p *parser) primary() (Expr, error) {
	tok := p.tok
	switch {
	case tok == "":
		return nil, p.errorf("the formula ends too early")
	case tok == "(":
		p.next()
		e, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.tok != ")" {
			return nil, p.errorf("missing )")
		}
		p.next()
		return e, nil
	case unicode.IsDigit(rune(tok[0])):
		f, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return nil, p.errorf("bad number %q", tok)
		}
		p.next()
		return num(f), nil
	case unicode.IsLetter(rune(tok[0])) || tok[0] == '_':
		code, cat, _ := strings.Cut(tok, ".")
		if code == "" || strings.Contains(cat, ".") || (strings.HasSuffix(tok, ".")) {
			return nil, p.errorf("bad code %q", tok)
		}
		p.next()
		return ref{code, cat}, nil
	}
	return nil, p.errorf("unexpected %q", tok)
}
