/*
 * fp_macros.h - floating-point check macros shared by rv64f.S and rv64d.S (include after
 * macros.h). The first argument `prec` is s or d and selects how values are loaded into FP
 * registers (fmv.w.x boxes singles) and checked (CHECK_S also checks the NaN-box). Every
 * macro clears fflags before the operation and checks the exact fflags value after it.
 * Operands live in ft0..ft2, results in ft3 or a0.
 */
#ifndef GUEST_ASM_FP_MACROS_H
#define GUEST_ASM_FP_MACROS_H

        .macro fli prec, freg, bits
        li t5, \bits
        .ifc \prec, s
        fmv.w.x \freg, t5
        .else
        fmv.d.x \freg, t5
        .endif
        .endm

        .macro fchk prec, freg, bits, line
        .ifc \prec, s
        check_s \freg, \bits, \line
        .else
        check_d \freg, \bits, \line
        .endif
        .endm

/* binary op with a rounding-mode operand */
        .macro t_op2 prec, op, a, b, rm, want, flags, line
        fli \prec, ft0, \a
        fli \prec, ft1, \b
        csrwi fflags, 0
        \op ft3, ft0, ft1, \rm
        fchk \prec, ft3, \want, \line
        check_flags \flags, \line
        .endm

/* binary op without a rounding mode (fmin/fmax/fsgnj*) */
        .macro t_op2n prec, op, a, b, want, flags, line
        fli \prec, ft0, \a
        fli \prec, ft1, \b
        csrwi fflags, 0
        \op ft3, ft0, ft1
        fchk \prec, ft3, \want, \line
        check_flags \flags, \line
        .endm

/* unary op with a rounding mode (fsqrt) */
        .macro t_op1 prec, op, a, rm, want, flags, line
        fli \prec, ft0, \a
        csrwi fflags, 0
        \op ft3, ft0, \rm
        fchk \prec, ft3, \want, \line
        check_flags \flags, \line
        .endm

/* fused multiply-add family */
        .macro t_op3 prec, op, a, b, c, rm, want, flags, line
        fli \prec, ft0, \a
        fli \prec, ft1, \b
        fli \prec, ft2, \c
        csrwi fflags, 0
        \op ft3, ft0, ft1, ft2, \rm
        fchk \prec, ft3, \want, \line
        check_flags \flags, \line
        .endm

/* FP -> integer conversion */
        .macro t_f2i prec, op, a, rm, want, flags, line
        fli \prec, ft0, \a
        csrwi fflags, 0
        \op a0, ft0, \rm
        check_eq a0, \want, \line
        check_flags \flags, \line
        .endm

/* integer -> FP conversion (dstprec says how to check the result) */
        .macro t_i2f dstprec, op, x, rm, want, flags, line
        li a4, \x
        csrwi fflags, 0
        \op ft3, a4, \rm
        fchk \dstprec, ft3, \want, \line
        check_flags \flags, \line
        .endm

/* FP -> FP conversion */
        .macro t_f2f srcprec, dstprec, op, a, rm, want, flags, line
        fli \srcprec, ft0, \a
        csrwi fflags, 0
        \op ft3, ft0, \rm
        fchk \dstprec, ft3, \want, \line
        check_flags \flags, \line
        .endm

/* comparison into an integer register */
        .macro t_cmp prec, op, a, b, want, flags, line
        fli \prec, ft0, \a
        fli \prec, ft1, \b
        csrwi fflags, 0
        \op a0, ft0, ft1
        check_eq a0, \want, \line
        check_flags \flags, \line
        .endm

        .macro t_class prec, a, want, line
        fli \prec, ft0, \a
        csrwi fflags, 0
        fclass.\prec a0, ft0
        check_eq a0, \want, \line
        check_flags 0, \line
        .endm

/* the same operation under all five static rounding modes and all five dynamic (frm) ones */
        .macro t_op2_rm prec, op, a, b, w0, w1, w2, w3, w4, flags, line
        t_op2 \prec, \op, \a, \b, rne, \w0, \flags, \line
        t_op2 \prec, \op, \a, \b, rtz, \w1, \flags, \line
        t_op2 \prec, \op, \a, \b, rdn, \w2, \flags, \line
        t_op2 \prec, \op, \a, \b, rup, \w3, \flags, \line
        t_op2 \prec, \op, \a, \b, rmm, \w4, \flags, \line
        csrwi frm, RM_RNE
        t_op2 \prec, \op, \a, \b, dyn, \w0, \flags, \line
        csrwi frm, RM_RTZ
        t_op2 \prec, \op, \a, \b, dyn, \w1, \flags, \line
        csrwi frm, RM_RDN
        t_op2 \prec, \op, \a, \b, dyn, \w2, \flags, \line
        csrwi frm, RM_RUP
        t_op2 \prec, \op, \a, \b, dyn, \w3, \flags, \line
        csrwi frm, RM_RMM
        t_op2 \prec, \op, \a, \b, dyn, \w4, \flags, \line
        csrwi frm, RM_RNE
        .endm

        .macro t_op1_rm prec, op, a, w0, w1, w2, w3, w4, flags, line
        t_op1 \prec, \op, \a, rne, \w0, \flags, \line
        t_op1 \prec, \op, \a, rtz, \w1, \flags, \line
        t_op1 \prec, \op, \a, rdn, \w2, \flags, \line
        t_op1 \prec, \op, \a, rup, \w3, \flags, \line
        t_op1 \prec, \op, \a, rmm, \w4, \flags, \line
        csrwi frm, RM_RUP
        t_op1 \prec, \op, \a, dyn, \w3, \flags, \line
        csrwi frm, RM_RMM
        t_op1 \prec, \op, \a, dyn, \w4, \flags, \line
        csrwi frm, RM_RNE
        .endm

        .macro t_op3_rm prec, op, a, b, c, w0, w1, w2, w3, w4, flags, line
        t_op3 \prec, \op, \a, \b, \c, rne, \w0, \flags, \line
        t_op3 \prec, \op, \a, \b, \c, rtz, \w1, \flags, \line
        t_op3 \prec, \op, \a, \b, \c, rdn, \w2, \flags, \line
        t_op3 \prec, \op, \a, \b, \c, rup, \w3, \flags, \line
        t_op3 \prec, \op, \a, \b, \c, rmm, \w4, \flags, \line
        csrwi frm, RM_RDN
        t_op3 \prec, \op, \a, \b, \c, dyn, \w2, \flags, \line
        csrwi frm, RM_RMM
        t_op3 \prec, \op, \a, \b, \c, dyn, \w4, \flags, \line
        csrwi frm, RM_RNE
        .endm

        .macro t_f2i_rm prec, op, a, w0, w1, w2, w3, w4, flags, line
        t_f2i \prec, \op, \a, rne, \w0, \flags, \line
        t_f2i \prec, \op, \a, rtz, \w1, \flags, \line
        t_f2i \prec, \op, \a, rdn, \w2, \flags, \line
        t_f2i \prec, \op, \a, rup, \w3, \flags, \line
        t_f2i \prec, \op, \a, rmm, \w4, \flags, \line
        csrwi frm, RM_RDN
        t_f2i \prec, \op, \a, dyn, \w2, \flags, \line
        csrwi frm, RM_RUP
        t_f2i \prec, \op, \a, dyn, \w3, \flags, \line
        csrwi frm, RM_RNE
        .endm

        .macro t_i2f_rm dstprec, op, x, w0, w1, w2, w3, w4, flags, line
        t_i2f \dstprec, \op, \x, rne, \w0, \flags, \line
        t_i2f \dstprec, \op, \x, rtz, \w1, \flags, \line
        t_i2f \dstprec, \op, \x, rdn, \w2, \flags, \line
        t_i2f \dstprec, \op, \x, rup, \w3, \flags, \line
        t_i2f \dstprec, \op, \x, rmm, \w4, \flags, \line
        csrwi frm, RM_RTZ
        t_i2f \dstprec, \op, \x, dyn, \w1, \flags, \line
        csrwi frm, RM_RMM
        t_i2f \dstprec, \op, \x, dyn, \w4, \flags, \line
        csrwi frm, RM_RNE
        .endm

        .macro t_f2f_rm srcprec, dstprec, op, a, w0, w1, w2, w3, w4, flags, line
        t_f2f \srcprec, \dstprec, \op, \a, rne, \w0, \flags, \line
        t_f2f \srcprec, \dstprec, \op, \a, rtz, \w1, \flags, \line
        t_f2f \srcprec, \dstprec, \op, \a, rdn, \w2, \flags, \line
        t_f2f \srcprec, \dstprec, \op, \a, rup, \w3, \flags, \line
        t_f2f \srcprec, \dstprec, \op, \a, rmm, \w4, \flags, \line
        csrwi frm, RM_RUP
        t_f2f \srcprec, \dstprec, \op, \a, dyn, \w3, \flags, \line
        csrwi frm, RM_RNE
        .endm

#define OP2(p, op, a, b, rm, want, fl)          t_op2 p, op, a, b, rm, want, fl, __LINE__
#define OP2N(p, op, a, b, want, fl)             t_op2n p, op, a, b, want, fl, __LINE__
#define OP1(p, op, a, rm, want, fl)             t_op1 p, op, a, rm, want, fl, __LINE__
#define OP3(p, op, a, b, c, rm, want, fl)       t_op3 p, op, a, b, c, rm, want, fl, __LINE__
#define F2I(p, op, a, rm, want, fl)             t_f2i p, op, a, rm, want, fl, __LINE__
#define I2F(p, op, x, rm, want, fl)             t_i2f p, op, x, rm, want, fl, __LINE__
#define F2F(sp, dp, op, a, rm, want, fl)        t_f2f sp, dp, op, a, rm, want, fl, __LINE__
#define CMP(p, op, a, b, want, fl)              t_cmp p, op, a, b, want, fl, __LINE__
#define CLASS(p, a, want)                       t_class p, a, want, __LINE__
/* _RM forms: expected results for rne, rtz, rdn, rup, rmm */
#define OP2_RM(p, op, a, b, w0, w1, w2, w3, w4, fl) \
        t_op2_rm p, op, a, b, w0, w1, w2, w3, w4, fl, __LINE__
#define OP1_RM(p, op, a, w0, w1, w2, w3, w4, fl) \
        t_op1_rm p, op, a, w0, w1, w2, w3, w4, fl, __LINE__
#define OP3_RM(p, op, a, b, c, w0, w1, w2, w3, w4, fl) \
        t_op3_rm p, op, a, b, c, w0, w1, w2, w3, w4, fl, __LINE__
#define F2I_RM(p, op, a, w0, w1, w2, w3, w4, fl) \
        t_f2i_rm p, op, a, w0, w1, w2, w3, w4, fl, __LINE__
#define I2F_RM(p, op, x, w0, w1, w2, w3, w4, fl) \
        t_i2f_rm p, op, x, w0, w1, w2, w3, w4, fl, __LINE__
#define F2F_RM(sp, dp, op, a, w0, w1, w2, w3, w4, fl) \
        t_f2f_rm sp, dp, op, a, w0, w1, w2, w3, w4, fl, __LINE__

#endif
