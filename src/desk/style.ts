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
nav{display:flex;flex-wrap:wrap;gap:0 4px;padding:0 10px;background:#e6e0d6}
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
select,input[type=search],input[type=number],input[type=date],textarea{width:100%;font-size:16px;padding:9px;border:1px solid #999;border-radius:6px;background:#fff}
textarea{min-height:84px;font-family:inherit}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.filters details{margin:10px 0}
.filters summary{cursor:pointer;min-height:44px;padding:10px 0;font-weight:600}
.filters .grid{display:grid;grid-template-columns:1fr 1fr;gap:4px 12px}
.filters .check{display:flex;gap:8px;align-items:center;font-weight:400}
.count{color:#555;margin:0 0 4px}
.work h3{font-size:18px;margin:18px 0 8px}
.badge{display:inline-block;min-width:26px;text-align:center;background:#0b3d5c;color:#fff;border-radius:13px;font-size:14px;padding:1px 8px}
[data-section=late] .badge{background:#a11}
.cases{list-style:none;margin:0;padding:0}
.case{background:#fff;border-radius:10px;padding:12px 14px;margin:0 0 10px;box-shadow:0 1px 3px #0002;border-left:5px solid #0b3d5c}
.case.late{border-left-color:#a11}
.case .code{font-weight:700;font-size:17px}
.case .who,.case .stage,.case .due{font-size:15px;overflow-wrap:anywhere}
.late-by{color:#a11}
.empty{color:#555;margin:0}
.timeline{list-style:none;padding:0;margin:0}
.timeline li{border-left:3px solid #c9c2b6;padding:2px 0 10px 12px}
.timeline time{display:block;color:#555;font-size:14px}
.actions form{border-top:1px solid #e6e0d6;padding:12px 0}
.actions form:first-of-type{border-top:0}
.actions h3{font-size:17px;margin:0 0 6px}
.ok{background:#e6f4ea;color:#14532d;border-left:4px solid #15803d;padding:8px 12px;border-radius:4px}
.scan img{max-width:100%;border:1px solid #ccc;border-radius:6px}
.danger{background:#8a1111}
.fold{border-top:1px solid #e6e0d6;padding:6px 0}
.fold summary{cursor:pointer;min-height:44px;padding:10px 0;color:#8a1111;font-weight:600}
.fold form{border-top:0}
@media (min-width:640px){main{padding:24px 24px 48px}h1{font-size:26px}.filters .grid{grid-template-columns:repeat(3,1fr)}}`;
