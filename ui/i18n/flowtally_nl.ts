<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nl_NL">
  <context>
    <name>QuickLog</name>
    <message>
      <source>&amp;External</source>
      <translation>&amp;Extern</translation>
    </message>
    <message>
      <source>&amp;Internal</source>
      <translation>&amp;Intern</translation>
    </message>
    <message>
      <source>Note (optional)</source>
      <translation>Notitie (optioneel)</translation>
    </message>
    <message>
      <source>I'm &amp;back</source>
      <translation>Ik ben &amp;terug</translation>
    </message>
    <message>
      <source>&amp;Done</source>
      <translation>&amp;Klaar</translation>
    </message>
    <message>
      <source>Interruption logged at {time}</source>
      <translation>Onderbreking vastgelegd om {time}</translation>
    </message>
    <message>
      <source>person</source>
      <translation>persoon</translation>
    </message>
    <message>
      <source>chat</source>
      <translation>chat</translation>
    </message>
    <message>
      <source>email</source>
      <translation>e-mail</translation>
    </message>
    <message>
      <source>call</source>
      <translation>gesprek</translation>
    </message>
    <message>
      <source>meeting</source>
      <translation>vergadering</translation>
    </message>
    <message>
      <source>notification</source>
      <translation>melding</translation>
    </message>
    <message>
      <source>self</source>
      <translation>zelf</translation>
    </message>
    <message>
      <source>other</source>
      <translation>anders</translation>
    </message>
  </context>
  <context>
    <name>Review</name>
    <message>
      <source>Note (optional)</source>
      <translation>Notitie (optioneel)</translation>
    </message>
    <message>
      <source>Flowtally: what was that gap?</source>
      <translation>Flowtally: wat was dat gat?</translation>
    </message>
    <message>
      <source>external</source>
      <translation>extern</translation>
    </message>
    <message>
      <source>internal</source>
      <translation>intern</translation>
    </message>
    <message>
      <source>A &amp;break</source>
      <translation>Een &amp;pauze</translation>
    </message>
    <message>
      <source>An &amp;interruption</source>
      <translation>Een &amp;onderbreking</translation>
    </message>
    <message>
      <source>&amp;Still focusing</source>
      <translation>Nog &amp;steeds gefocust</translation>
    </message>
    <message>
      <source>If it was an interruption:</source>
      <translation>Als het een onderbreking was:</translation>
    </message>
    <message>
      <source>No keyboard or mouse input from {start} to {end} ({length}).</source>
      <translation>Geen toetsenbord- of muisinvoer van {start} tot {end} ({length}).</translation>
    </message>
    <message>
      <source>The computer slept from {start} to {end} ({length}).</source>
      <translation>De computer sliep van {start} tot {end} ({length}).</translation>
    </message>
    <message>
      <source>Flowtally was not running from {start} to {end} ({length}); your focus block was kept.</source>
      <translation>Flowtally draaide niet van {start} tot {end} ({length}); je focusblok is bewaard.</translation>
    </message>
    <message>
      <source>under a minute</source>
      <translation>minder dan een minuut</translation>
    </message>
    <message>
      <source>{minutes} min</source>
      <translation>{minutes} min</translation>
    </message>
    <message>
      <source>Until you answer, it counts as a break.</source>
      <translation>Tot je antwoordt, telt het als pauze.</translation>
    </message>
    <message>
      <source>person</source>
      <translation>persoon</translation>
    </message>
    <message>
      <source>chat</source>
      <translation>chat</translation>
    </message>
    <message>
      <source>email</source>
      <translation>e-mail</translation>
    </message>
    <message>
      <source>call</source>
      <translation>gesprek</translation>
    </message>
    <message>
      <source>meeting</source>
      <translation>vergadering</translation>
    </message>
    <message>
      <source>notification</source>
      <translation>melding</translation>
    </message>
    <message>
      <source>self</source>
      <translation>zelf</translation>
    </message>
    <message>
      <source>other</source>
      <translation>anders</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <source>Flowtally settings</source>
      <translation>Flowtally-instellingen</translation>
    </message>
    <message>
      <source>System time zone</source>
      <translation>Systeemtijdzone</translation>
    </message>
    <message>
      <source>Time zone (needs a restart)</source>
      <translation>Tijdzone (herstart nodig)</translation>
    </message>
    <message>
      <source>Start Flowtally when I log in</source>
      <translation>Flowtally starten bij het inloggen</translation>
    </message>
    <message>
      <source>Interruption hotkey</source>
      <translation>Sneltoets voor onderbreking</translation>
    </message>
    <message>
      <source>Ramp-up (minutes)</source>
      <translation>Opstart (minuten)</translation>
    </message>
    <message>
      <source>Flow after (minutes)</source>
      <translation>Flow na (minuten)</translation>
    </message>
    <message>
      <source>Shortest uninterrupted period (minutes)</source>
      <translation>Kortste ononderbroken periode (minuten)</translation>
    </message>
    <message>
      <source>Ask about time away after (minutes idle)</source>
      <translation>Vragen naar afwezigheid na (minuten inactief)</translation>
    </message>
    <message>
      <source>Planned block length (minutes, 0 = none)</source>
      <translation>Geplande bloklengte (minuten, 0 = geen)</translation>
    </message>
    <message>
      <source>Suggest a break after (minutes, 0 = never)</source>
      <translation>Pauze voorstellen na (minuten, 0 = nooit)</translation>
    </message>
    <message>
      <source>Database URL (empty = local file; needs a restart)</source>
      <translation>Database-URL (leeg = lokaal bestand; herstart nodig)</translation>
    </message>
  </context>
  <context>
    <name>TimerWindow</name>
    <message>
      <source>Stop</source>
      <translation>Stoppen</translation>
    </message>
    <message>
      <source>Interrupted!</source>
      <translation>Onderbroken!</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>Starten</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Pauzeren</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Hervatten</translation>
    </message>
  </context>
  <context>
    <name>Tray</name>
    <message>
      <source>Stop</source>
      <translation>Stoppen</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Pauzeren</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Hervatten</translation>
    </message>
    <message>
      <source>ramp-up</source>
      <translation>opstart</translation>
    </message>
    <message>
      <source>deep focus</source>
      <translation>diepe focus</translation>
    </message>
    <message>
      <source>flow</source>
      <translation>flow</translation>
    </message>
    <message>
      <source>none</source>
      <translation>geen</translation>
    </message>
    <message>
      <source>Today: {interruptions} interruptions, {periods} uninterrupted periods</source>
      <translation>Vandaag: {interruptions} onderbrekingen, {periods} ononderbroken perioden</translation>
    </message>
    <message>
      <source>Flowtally: no focus block running</source>
      <translation>Flowtally: geen focusblok bezig</translation>
    </message>
    <message>
      <source>Focus block</source>
      <translation>Focusblok</translation>
    </message>
    <message>
      <source>Paused</source>
      <translation>Gepauzeerd</translation>
    </message>
    <message>
      <source>Interrupted</source>
      <translation>Onderbroken</translation>
    </message>
    <message>
      <source>{phase} for {minutes}</source>
      <translation>{phase} sinds {minutes}</translation>
    </message>
    <message>
      <source>{tracked} tracked of {elapsed}</source>
      <translation>{tracked} gemeten van {elapsed}</translation>
    </message>
    <message>
      <source>Start focus</source>
      <translation>Focus starten</translation>
    </message>
    <message>
      <source>Log interruption…</source>
      <translation>Onderbreking vastleggen…</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>Instellingen…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Afsluiten</translation>
    </message>
    <message>
      <source>Without a task</source>
      <translation>Zonder taak</translation>
    </message>
    <message>
      <source>New task…</source>
      <translation>Nieuwe taak…</translation>
    </message>
    <message>
      <source>What will you focus on?</source>
      <translation>Waar ga je je op richten?</translation>
    </message>
  </context>
</TS>