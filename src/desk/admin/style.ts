/** The administration pages' few additions to the desk's stylesheet (src/desk/style.ts), phone first. */
export const ADMIN_CSS = `.subnav{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 12px;font-size:15px}
.subnav a{display:inline-block;min-height:44px;padding:10px 0}
.subnav a[aria-current=page]{font-weight:700;color:#1b1b1b;text-decoration:none}
.hint{color:#555;font-size:14px;margin:2px 0 0}
.field-error{color:#8a1111;font-weight:600;margin:4px 0 0}
input[type=time],input[type=tel]{width:100%;font-size:17px;padding:10px;border:1px solid #999;border-radius:6px}
.form-actions{margin-top:16px}
.rows{list-style:none;margin:0;padding:0}
.rows>li{border-top:1px solid #e6e0d6;padding:10px 0}
.rows>li:first-child{border-top:0}
.rows .line{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline;justify-content:space-between}
.rows .muted{color:#555;font-size:15px}
details summary{cursor:pointer;min-height:44px;padding:10px 0;color:#0b5a8a}
.card>details{border-bottom:1px solid #e6e0d6}
.rows form{margin:0}
.code{font:700 20px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:2px}
.grid2{display:grid;grid-template-columns:1fr;gap:0 14px}
@media (min-width:640px){.grid2{grid-template-columns:1fr 1fr}}`;
