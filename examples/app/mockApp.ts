// The pretend product: projects, tasks, a team, automations, reports, integrations and a support
// inbox, kept in localStorage. It knows nothing about waymark: each user action calls `track`.

type Track = (event: string, properties?: Record<string, unknown>) => void;

interface Task {
  id: number;
  project: number;
  title: string;
  done: boolean;
}

interface Data {
  projects: { id: number; name: string }[];
  current: number;
  tasks: Task[];
  team: string[];
  view: string;
  automated: boolean;
  connected: string[];
  tickets: number;
  seq: number;
}

const KEY = 'acme:data';
const PEOPLE = ['Sam Ortiz', 'Priya Nair', 'Jonas Berg', 'Mei Chen', 'Ada Okafor', 'Luis Romero'];
const SAMPLES = [
  'Write the brief',
  'Draft the timeline',
  'Book the kickoff',
  'Collect feedback',
  'Ship the first version',
];

const fresh = (): Data => ({
  projects: [],
  current: 0,
  tasks: [],
  team: ['Dana Lee'],
  view: 'list',
  automated: false,
  connected: [],
  tickets: 1240,
  seq: 0,
});

const load = (): Data => {
  try {
    return { ...fresh(), ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
  } catch {
    return fresh(); // private mode or corrupt data: start empty
  }
};

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const el = (tag: string, props: Record<string, string> = {}, ...children: (Node | string)[]) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
};

/**
 * Renders the mock product into the page's skeleton and wires its buttons; every user action
 * calls `track` with the event a real product would send.
 *
 * @example
 * mountMockApp((event, properties) => wm.track(event, properties));
 */
export const mountMockApp = (track: Track) => {
  const data = load();
  const save = () => {
    try {
      localStorage.setItem(KEY, JSON.stringify(data));
    } catch {
      // storage full or blocked: the mock keeps working for this visit
    }
  };

  const render = () => {
    const project = data.projects.find((p) => p.id === data.current);
    $('project-list').replaceChildren(
      ...data.projects.map((p) =>
        el(
          'li',
          {},
          el('button', {
            type: 'button',
            'data-project': String(p.id),
            'aria-current': String(p.id === data.current),
            text: p.name,
          }),
        ),
      ),
    );
    if (!data.projects.length) $('project-list').append(el('li', { class: 'muted', text: 'No projects yet.' }));
    $('project-title').textContent = project ? project.name : 'Tasks';
    const tasks = data.tasks.filter((t) => t.project === data.current);
    $('task-list').dataset.view = data.view;
    $('task-list').replaceChildren(
      ...tasks.map((t) =>
        el(
          'li',
          { class: t.done ? 'done' : '' },
          el('span', { text: t.title }),
          t.done
            ? el('span', { class: 'muted', text: 'Done' })
            : el('button', { type: 'button', 'data-complete': String(t.id), text: 'Complete' }),
        ),
      ),
    );
    const open = tasks.filter((t) => !t.done).length;
    $('task-summary').textContent = project
      ? `${tasks.length - open} of ${tasks.length} tasks done`
      : 'Create a project to start adding tasks.';
    for (const b of document.querySelectorAll<HTMLElement>('[data-feature]'))
      b.setAttribute('aria-pressed', String(b.dataset.feature === data.view));
    $('team-list').replaceChildren(...data.team.map((name) => el('li', { text: name })));
    $('automate').textContent = data.automated ? 'Automation on ✓' : 'Turn on this automation';
    for (const b of document.querySelectorAll<HTMLElement>('[data-integration]'))
      b.textContent = data.connected.includes(b.dataset.integration!) ? 'Connected ✓' : 'Connect';
    $('open-tickets').textContent = data.tickets.toLocaleString('en-US');
    save();
  };

  const addProject = () => {
    const id = ++data.seq;
    data.projects.push({ id, name: `Project ${data.projects.length + 1}` });
    data.current = id;
    track('project_created');
  };
  const addTask = (title: string) => {
    if (!data.projects.length) addProject();
    data.tasks.push({ id: ++data.seq, project: data.current, title, done: false });
    track('task_added');
  };
  const complete = (task: Task) => {
    task.done = true;
    track('task_completed', { view: data.view });
  };

  const actions: Record<string, (b: HTMLElement) => void> = {
    'new-project': addProject,
    'sample-tasks': () => SAMPLES.forEach(addTask),
    'complete-all': () => data.tasks.filter((t) => t.project === data.current && !t.done).forEach(complete),
    invite: () => {
      data.team.push(PEOPLE[(data.team.length - 1) % PEOPLE.length]);
      track('member_invited', { role: 'member' });
    },
    automate: () => {
      data.automated = true;
      track('workflow_automated', { trigger: 'task_completed' });
    },
    report: () => {
      $('report-out').textContent =
        `Report ready: ${data.tasks.filter((t) => t.done).length} tasks completed this week.`;
      track('report_generated', { kind: 'weekly' });
    },
    resolve: () => {
      data.tickets = Math.max(0, data.tickets - 50);
      track('tickets_resolved', { count: 50 });
    },
  };

  document.addEventListener('click', (e) => {
    const b = (e.target as Element).closest?.('button');
    if (!b) return;
    const { project, complete: done, feature, integration } = b.dataset;
    if (actions[b.id]) actions[b.id](b);
    else if (project) data.current = Number(project);
    else if (done) {
      const task = data.tasks.find((t) => t.id === Number(done));
      if (task && !task.done) complete(task);
    } else if (feature) {
      data.view = feature;
      track('feature_used', { feature });
    } else if (integration && !data.connected.includes(integration)) {
      data.connected.push(integration);
      track('integration_connected', { tool: integration });
    } else return;
    render();
  });
  $('task-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>('task-input');
    addTask(input.value.trim() || `Task ${data.tasks.length + 1}`);
    input.value = '';
    render();
  });

  render();
};
