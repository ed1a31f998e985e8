/**
 * The desk's one stylesheet, inline in every page (no build step, no second request). Mobile
 * first: one column at 360px, wider margins from 640px. Buttons and links are at least 44px high
 * so they can be tapped.
 */
export const DESK_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f1ec;color:#1b1b1b}
a{color:#0b5a8a}
header{background:#0b3d5c;color:#fff;padding:10px 14px;display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center}
header a{color:#fff}
header .brand{font-weight:700;font-size:18px;margin-right:auto}
header .who{font-size:14px;line-height:1.3}
header form{margin:0}
header button{background:transparent;color:#fff;border:1px solid #fff8;min-height:36px;padding:4px 12px}
nav{display:flex;gap:4px;padding:0 10px;background:#e6e0d6;overflow-x:auto}
nav a{display:inline-block;padding:10px 10px;min-height:44px;text-decoration:none;color:#1b1b1b;white-space:nowrap}
nav a[aria-current=page]{font-weight:700;border-bottom:3px solid #0b3d5c}
main{max-width:960px;margin:0 auto;padding:16px 14px 40px}
h1{font-size:22px;margin:0 0 8px}
.card{background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 3px #0002;margin:0 0 14px}
.en{color:#555;font-size:15px;margin-top:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 14px;margin:0}
dt{color:#555}dd{margin:0;font-weight:600;overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:12px 0 4px}
input[type=text],input[type=password]{width:100%;font-size:17px;padding:10px;border:1px solid #999;border-radius:6px}
button{font-size:16px;min-height:44px;padding:8px 18px;border-radius:6px;border:0;background:#0b3d5c;color:#fff;cursor:pointer}
.login{max-width:420px}
.login button{width:100%;margin-top:16px}
.error{background:#fde8e8;color:#8a1111;border-left:4px solid #a11;padding:8px 12px;border-radius:4px}
.card>h2{font-size:19px;margin:0 0 8px}.link-code-box h3{font-size:17px;margin:12px 0 4px}
.banner{background:#fff4d6;color:#5a3b00;border-left:4px solid #b7791f;padding:10px 14px;border-radius:4px;margin:0 0 14px}
button.secondary{background:#fff;color:#0b3d5c;border:1px solid #0b3d5c}
.link-code-box{border-top:1px solid #ddd;margin-top:12px}
.link-code{font:700 30px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:3px;margin:4px 0}
.lang{font-size:14px}
.placeholder{color:#555;border:2px dashed #ccc;border-radius:10px;padding:20px;text-align:center}
@media (min-width:640px){main{padding:24px 24px 48px}h1{font-size:26px}}`;
