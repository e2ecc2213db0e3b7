import type { Catalogue } from './types.js';

export const caseTypes: Catalogue = {
  da: {
    title: 'Sagstyper', intro: 'Rediger en sagstype og udgiv den som en ny version. Sager beholder den version, de blev oprettet under.',
    caption: 'Sagstyper i kataloget', name: 'Navn', code: 'Kode', version: 'Version', goal: 'Servicemål', edit: 'Rediger', editNamed: 'Rediger {{code}}',
    editing: 'Du redigerer {{code}}, version {{version}}.', definition: 'Definition (JSON)', definitionOf: 'Definition af {{code}} (JSON)',
    definitionHint: 'Ved fejl fortæller serveren, hvilket felt der er forkert.', publish: 'Udgiv ny version', published: '{{code}} er udgivet som version {{version}}.',
    unchanged: 'Ingen ændringer: der er ikke udgivet en ny version.', export: 'Eksportér alle', exported: '{{n}} sagstyper er eksporteret.',
    import: 'Importér fra fil', imported: '{{published}} udgivet, {{unchanged}} uændret.',
  },
  en: {
    title: 'Case types', intro: 'Edit a case type and publish it as a new version. Cases keep the version they were opened under.',
    caption: 'Case types in the catalogue', name: 'Name', code: 'Code', version: 'Version', goal: 'Service goal', edit: 'Edit', editNamed: 'Edit {{code}}',
    editing: 'You are editing {{code}}, version {{version}}.', definition: 'Definition (JSON)', definitionOf: 'Definition of {{code}} (JSON)',
    definitionHint: 'If something is wrong, the server names the field.', publish: 'Publish new version', published: '{{code}} was published as version {{version}}.',
    unchanged: 'No changes: no new version was published.', export: 'Export all', exported: '{{n}} case types exported.',
    import: 'Import from file', imported: '{{published}} published, {{unchanged}} unchanged.',
  },
};
