/**
 * Every error code Space's API answers with — its own (`src/errors.ts` and each part's `errors.ts`) and the
 * platform's that its pages meet — in English and Simplified Chinese. A test (`src/web-errors.test.ts`) checks
 * that every code of every `*_ERROR_CODES` object has both.
 */
export interface ErrorText {
  en: string;
  'zh-CN': string;
}

export const ERROR_TEXTS: Record<string, ErrorText> = {
  // src/errors.ts
  'space.not_found': {
    en: 'This isn’t here, or it isn’t shared with you.',
    'zh-CN': '内容不存在，或没有分享给你。',
  },
  'space.audience_unknown_group': {
    en: 'The audience names a friend group you don’t have any more.',
    'zh-CN': '可见范围中有你已不存在的好友分组。',
  },
  'space.audience_not_friend': {
    en: 'The audience names people who aren’t your friends.',
    'zh-CN': '可见范围中有不是你好友的人。',
  },
  'space.rate_limited': {
    en: 'Too much at once — wait a moment and try again.',
    'zh-CN': '操作太频繁，请稍后再试。',
  },
  // src/photos/errors.ts
  'space.photo_too_large': { en: 'A photo is too large to upload.', 'zh-CN': '照片太大，无法上传。' },
  'space.photo_too_many_pixels': {
    en: 'A photo has too many pixels; make it smaller and try again.',
    'zh-CN': '照片像素过多，请缩小后再试。',
  },
  'space.photo_unsupported': {
    en: 'That file isn’t a photo Space can read (JPEG, PNG, WebP, GIF or HEIC).',
    'zh-CN': '该文件不是空间支持的照片格式（JPEG、PNG、WebP、GIF 或 HEIC）。',
  },
  'space.photo_too_many_files': {
    en: 'Too many photos at once; upload fewer at a time.',
    'zh-CN': '一次上传的照片太多，请分批上传。',
  },
  'space.photo_no_files': { en: 'Choose at least one photo.', 'zh-CN': '请至少选择一张照片。' },
  'space.storage_full': {
    en: 'Your photo storage is full. Delete some photos, or get more space with a membership.',
    'zh-CN': '你的照片空间已满。请删除一些照片，或开通会员获得更多空间。',
  },
  'space.photo_unusable': {
    en: 'A photo can’t be used here: it isn’t yours, is gone, or is already used elsewhere.',
    'zh-CN': '有照片无法使用：它不属于你、已被删除，或已用在别处。',
  },
  'space.photo_not_in_album': {
    en: 'The cover must be one of the album’s photos.',
    'zh-CN': '封面必须是相册中的照片。',
  },
  'space.photo_bad_upload': {
    en: 'The upload didn’t arrive whole; try again.',
    'zh-CN': '上传的内容不完整，请重试。',
  },
  // src/posts/errors.ts
  'space.share_not_allowed': {
    en: 'Only a public, published post or moment can be shared.',
    'zh-CN': '只有公开且已发布的日志或说说可以转发。',
  },
  'space.moment_empty': {
    en: 'Write something or add a photo first.',
    'zh-CN': '请先写点什么或添加照片。',
  },
  'space.wrong_kind': {
    en: 'That can’t be changed on this kind of item.',
    'zh-CN': '这类内容不能这样修改。',
  },
  'space.cover_not_yours': {
    en: 'The cover must be one of your photos.',
    'zh-CN': '封面必须是你自己的照片。',
  },
  'space.not_published': {
    en: 'Only a published item can be pinned.',
    'zh-CN': '只有已发布的内容可以置顶。',
  },
  'space.bad_cursor': {
    en: 'The list changed; reload the page to see more.',
    'zh-CN': '列表已变化，请刷新页面后查看更多。',
  },
  'space.user_required': {
    en: 'Sharing into Space needs a signed-in person.',
    'zh-CN': '分享到空间需要以用户身份进行。',
  },
  // src/talk/errors.ts
  'space.comment_not_yours': {
    en: 'Only its author or the space’s owner can delete a comment.',
    'zh-CN': '只有评论者本人或空间主人可以删除评论。',
  },
  'space.reply_to_unknown': {
    en: 'A reply can only answer someone in the same conversation.',
    'zh-CN': '只能回复同一楼中的人。',
  },
  'space.theme_locked': {
    en: 'This theme comes with a membership. Become a VIP to use it.',
    'zh-CN': '此主题需要开通会员才能使用。',
  },
  'space.already_reported': { en: 'You have reported this already.', 'zh-CN': '你已经举报过了。' },
  'space.report_own': { en: 'You can’t report your own posts or comments.', 'zh-CN': '不能举报自己的内容。' },
  'space.report_closed': { en: 'This report has been handled already.', 'zh-CN': '该举报已被处理。' },
  // The platform's (`@orbit/http`, the SDK)
  'request.invalid': {
    en: 'Something in the form isn’t right; check it and try again.',
    'zh-CN': '表单中有内容不正确，请检查后重试。',
  },
  'request.too_large': { en: 'That is too large to send.', 'zh-CN': '内容太大，无法发送。' },
  'session.required': { en: 'Sign in again to continue.', 'zh-CN': '请重新登录后继续。' },
  'role.required': {
    en: 'Only Space moderators may see this page.',
    'zh-CN': '只有空间管理员可以查看此页面。',
  },
};

/** What a page says when a request got no answer at all, or an answer with a code not listed above. */
export const FALLBACK_TEXTS = {
  network: {
    en: 'Space could not be reached. Check your connection and try again.',
    'zh-CN': '无法连接到空间，请检查网络后重试。',
  },
  server: {
    en: 'Something went wrong on our side. Try again in a moment.',
    'zh-CN': '服务器出了点问题，请稍后再试。',
  },
  generic: { en: 'That didn’t work. Try again.', 'zh-CN': '操作没有成功，请重试。' },
} satisfies Record<string, ErrorText>;
