import { Button, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionAnswer } from '#core/wire/auth.ts';
import { patch } from '../api/client.ts';
import { meKey } from '../api/session.ts';
import i18n, {
  currentLanguage,
  type Language,
  languageNames,
  languages,
  rememberLanguage,
} from '../i18n/index.ts';

/** Switches the interface language; remembered in the browser and, when signed in, in the profile. */
export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lang = currentLanguage();

  const choose = async (next: Language) => {
    rememberLanguage(next);
    await i18n.changeLanguage(next);
    if (signedIn) {
      try {
        const answer = await patch<SessionAnswer>('/api/v1/me', { preferredLanguage: next });
        if (answer?.user) qc.setQueryData(meKey, answer);
      } catch {
        // The interface switches anyway; the profile keeps its old value until next time.
      }
    }
    // Server-rendered texts (notifications, errors) come in the new language too.
    await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          style={{ flexShrink: 0 }}
          aria-label={t('language.label', { language: languageNames[lang] })}
        >
          {languageNames[lang]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {languages.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => void choose(l)}
            aria-current={l === lang ? 'true' : undefined}
            fw={l === lang ? 700 : undefined}
          >
            {languageNames[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
