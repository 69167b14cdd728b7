import { describe, expect, it } from 'vitest';
import { declaredRoleLines } from './service-roles';

const editor = {
  role: 'news.editor',
  serviceId: 'news',
  name: 'editor',
  label: { en: 'Editor', 'zh-CN': '编辑' },
  description: { en: 'Publishes articles.', 'zh-CN': '发布文章。' },
};
const writer = {
  ...editor,
  role: 'news.writer',
  name: 'writer',
  label: { en: 'Writer', 'zh-CN': '作者' },
  description: null,
};

describe('declaredRoleLines', () => {
  it('lists each role by full name with its label and description in the reader’s language', () => {
    expect(declaredRoleLines([editor, writer], 'zh-CN')).toEqual([
      { role: 'news.editor', label: '编辑', description: '发布文章。' },
      { role: 'news.writer', label: '作者', description: null },
    ]);
    expect(declaredRoleLines([editor], 'en')).toEqual([
      { role: 'news.editor', label: 'Editor', description: 'Publishes articles.' },
    ]);
  });

  it('falls back to English for a language the manifest has no text in', () => {
    expect(declaredRoleLines([editor], 'fr')[0]?.label).toBe('Editor');
  });
});
